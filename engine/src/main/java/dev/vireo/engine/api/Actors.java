package dev.vireo.engine.api;

/**
 * Who did something, for the audit log, when it was not a person: people are recorded by their user
 * name ({@code access.CurrentCaller}).
 */
public final class Actors {
    public static final String SYSTEM = "system";

    private Actors() {
    }

    public static String agent(String hostName) {
        return "agent:" + hostName;
    }
}
