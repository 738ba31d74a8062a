package dev.vireo.engine.api;

/**
 * A failure the caller can do something about, with its HTTP status. Thrown anywhere, mapped once by
 * {@link ProblemMappers}.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String title;

    public ApiException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(404, "Not found", what + " " + id + " does not exist");
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "Conflict", detail);
    }

    public static ApiException invalid(String detail) {
        return new ApiException(422, "Invalid request", detail);
    }

    public static ApiException unavailable(String detail) {
        return new ApiException(503, "Unavailable", detail);
    }
}
