package dev.vireo.agent.network;

/** A switch command failed or a setup cannot be applied; the message says which and why. */
public class NetworkCommandException extends Exception {
    public NetworkCommandException(String message) {
        super(message);
    }
}
