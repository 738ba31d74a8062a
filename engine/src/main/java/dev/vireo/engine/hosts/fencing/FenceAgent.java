package dev.vireo.engine.hosts.fencing;

/**
 * Powers a host off for certain, so that its VMs can run elsewhere without ever running twice (the
 * "shoot the other node in the head" of cluster managers). Implementations: a configured command (IPMI,
 * a PDU, or the lab's own namespace killer).
 */
public interface FenceAgent {

    /** @return null when the host is certainly off, else why fencing failed */
    String fence(String hostName);

    /** false when no fencing is configured: then HA VMs are never restarted elsewhere */
    boolean configured();
}
