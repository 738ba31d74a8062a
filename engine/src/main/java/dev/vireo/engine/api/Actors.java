package dev.vireo.engine.api;

/**
 * Who did something, for the audit log. People are not authenticated yet (Keycloak arrives with the
 * portal issue); until then API calls are recorded as "api".
 */
public final class Actors {
    public static final String API = "api";
    public static final String SYSTEM = "system";

    private Actors() {
    }

    public static String agent(String hostName) {
        return "agent:" + hostName;
    }
}
