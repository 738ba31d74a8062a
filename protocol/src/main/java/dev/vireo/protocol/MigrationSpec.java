package dev.vireo.protocol;

/**
 * Where and how to live-migrate a domain (peer to peer: the source libvirtd talks to the destination's).
 *
 * @param destinationUri  the destination host's libvirt URI as its peers reach it (qemu+tcp://10.0.0.2/system)
 * @param maxDowntimeMs   the longest pause allowed at switch-over, or 0 for libvirt's default
 * @param bandwidthMiBps  a bandwidth cap, or 0 for none
 */
public record MigrationSpec(String destinationUri, long maxDowntimeMs, long bandwidthMiBps) {
}
