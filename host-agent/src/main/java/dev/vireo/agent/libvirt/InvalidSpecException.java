package dev.vireo.agent.libvirt;

/** A {@link dev.vireo.protocol.DomainSpec} the agent refuses to hand to libvirt; the message says why. */
public class InvalidSpecException extends Exception {
    public InvalidSpecException(String message) {
        super(message);
    }
}
