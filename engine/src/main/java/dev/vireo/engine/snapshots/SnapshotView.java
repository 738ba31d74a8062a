package dev.vireo.engine.snapshots;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A snapshot as the API shows it. {@code diskId} is its first covered disk (the boot disk), as before several
 * disks; {@code disks} lists every disk the VM had when it was taken.
 */
public record SnapshotView(UUID id, UUID vmId, UUID diskId, String name, String description, boolean withMemory,
                           SnapshotStatus status, OffsetDateTime createdAt, String createdBy, List<DiskView> disks) {

    /**
     * A disk of the VM at the snapshot, on its guest device then. {@code covered}: the snapshot is inside it;
     * else {@code excluded} says why it is left out. {@code deleted}: a covered disk deleted since, which took
     * its part of the snapshot with it.
     */
    public record DiskView(String target, UUID diskId, String diskName, boolean covered, String excluded, boolean deleted) {
        static DiskView of(SnapshotDisk d) {
            return new DiskView(d.target, d.diskId, d.diskName, d.covered(), d.excluded, d.covered() && d.diskId == null);
        }
    }

    /** Inside a transaction. */
    public static SnapshotView of(Snapshot s) {
        return new SnapshotView(s.id, s.vmId, s.diskId, s.name, s.description, s.withMemory, s.status, s.createdAt,
                s.createdBy, SnapshotDisk.ofSnapshot(s.id).stream().map(DiskView::of).toList());
    }
}
