package dev.vireo.protocol;

import java.util.List;

/**
 * Where and how to live-migrate a domain (peer to peer: the source libvirtd talks to the destination's).
 *
 * @param destinationUri  the destination host's libvirt URI as its peers reach it (qemu+tcp://10.0.0.2/system)
 * @param maxDowntimeMs   the longest pause allowed at switch-over, or 0 for libvirt's default
 * @param bandwidthMiBps  a bandwidth cap, or 0 for none
 * @param autoConverge    slow the guest's vCPUs down when memory is dirtied faster than it is copied
 * @param postCopy        allow switching to post-copy (the guest runs on the destination while memory follows)
 * @param copyVolumes     the domain's disk volumes (host paths) on non-shared storage: copied to the destination
 *                        while the guest runs (libvirt's copy-storage-all), into volumes the destination already
 *                        has at the same paths; the other disks are on shared storage. Empty (never null): none
 */
public record MigrationSpec(String destinationUri, long maxDowntimeMs, long bandwidthMiBps, boolean autoConverge,
                            boolean postCopy, List<String> copyVolumes) {

    public MigrationSpec {
        // an older engine's spec has no such field: all storage shared, as then
        copyVolumes = copyVolumes == null ? List.of() : List.copyOf(copyVolumes);
    }

    public MigrationSpec(String destinationUri, long maxDowntimeMs, long bandwidthMiBps, boolean autoConverge,
                         boolean postCopy) {
        this(destinationUri, maxDowntimeMs, bandwidthMiBps, autoConverge, postCopy, List.of());
    }

    public MigrationSpec(String destinationUri, long maxDowntimeMs, long bandwidthMiBps) {
        this(destinationUri, maxDowntimeMs, bandwidthMiBps, false, false);
    }

    /** Whether storage is copied (some disk is on non-shared storage). */
    public boolean copiesStorage() {
        return !copyVolumes.isEmpty();
    }
}
