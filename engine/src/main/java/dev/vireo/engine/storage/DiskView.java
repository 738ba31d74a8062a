package dev.vireo.engine.storage;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A disk as the API shows it. A disk of one VM has that VM's id and guest device in vmId and target; a shareable
 * disk lists every VM that has it, with its device there, in sharedWith (and, seen through one VM's disks, that
 * VM in vmId and target too). hostId: on a non-shared storage domain, the host that holds the volume. Read inside a
 * transaction.
 */
public record DiskView(UUID id, String name, UUID storageDomainId, long sizeBytes, Long actualBytes,
                       UUID backingDiskId, UUID vmId, String target, boolean templateBase, boolean shareable,
                       List<Sharer> sharedWith, UUID hostId, OffsetDateTime createdAt, String createdBy) {

    /** A VM that has a shareable disk, as guest device target. */
    public record Sharer(UUID vmId, String target) {
    }

    public static DiskView of(Disk d) {
        return of(d, d.vmId, d.target);
    }

    /** A shareable disk seen through one of the VMs that have it. */
    public static DiskView of(Disk d, VmDiskAttachment a) {
        return of(d, a.vmId, a.target);
    }

    private static DiskView of(Disk d, UUID vmId, String target) {
        List<Sharer> sharers = d.shareable ? VmDiskAttachment.<VmDiskAttachment>list("diskId = ?1 order by attachedAt", d.id)
                .stream().map(a -> new Sharer(a.vmId, a.target)).toList() : null;
        return new DiskView(d.id, d.name, d.storageDomainId, d.sizeBytes, d.actualBytes, d.backingDiskId, vmId, target,
                d.templateBase, d.shareable, sharers, d.hostId, d.createdAt, d.createdBy);
    }
}
