package dev.vireo.protocol;

/**
 * One domain as the agent sees it.
 *
 * @param uuid  libvirt UUID (the VM id for domains Vireo defined)
 * @param name  libvirt domain name
 * @param state current state
 * @param vncPort the live VNC port, or -1
 */
public record DomainStatus(String uuid, String name, DomainState state, int vncPort) {
}
