package dev.vireo.engine.agents;

/** The host's agent is not connected, or went away before it answered. */
public class AgentUnavailableException extends RuntimeException {
    public AgentUnavailableException(String message) {
        super(message);
    }
}
