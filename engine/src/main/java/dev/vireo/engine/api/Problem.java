package dev.vireo.engine.api;

/** RFC 9457 problem details: the body of every error the API returns. */
public record Problem(String type, String title, int status, String detail) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
