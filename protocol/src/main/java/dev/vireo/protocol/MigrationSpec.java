package dev.vireo.protocol;

/**
 * Where and how to live-migrate a domain (peer to peer: the source libvirtd talks to the destination's).
 *
 * @param destinationUri  the destination host's libvirt URI as its peers reach it (qemu+tcp://10.0.0.2/system)
 * @param maxDowntimeMs   the longest pause allowed at switch-over, or 0 for libvirt's default
 * @param bandwidthMiBps  a bandwidth cap, or 0 for none
 * @param autoConverge    slow the guest's vCPUs down when memory is dirtied faster than it is copied
 * @param postCopy        allow switching to post-copy (the guest runs on the destination while memory follows)
 */
public record MigrationSpec(String destinationUri, long maxDowntimeMs, long bandwidthMiBps, boolean autoConverge,
                            boolean postCopy) {

    public MigrationSpec(String destinationUri, long maxDowntimeMs, long bandwidthMiBps) {
        this(destinationUri, maxDowntimeMs, bandwidthMiBps, false, false);
    }
}
