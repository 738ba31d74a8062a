package dev.vireo.engine.storage;

import dev.vireo.engine.api.ApiException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A shareable disk attached to one of its VMs, as that VM's guest device {@code target} (vdb … vdz). A disk of
 * one VM only is attached through {@link Disk#vmId} instead, as before shareable disks.
 */
@Entity
@Table(name = "vm_disk_attachments")
public class VmDiskAttachment extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "vm_id", nullable = false)
    public UUID vmId;
    @Column(name = "disk_id", nullable = false)
    public UUID diskId;
    @Column(nullable = false)
    public String target;
    @Column(name = "attached_at", nullable = false)
    public OffsetDateTime attachedAt;
    @Column(name = "attached_by", nullable = false)
    public String attachedBy;

    public static VmDiskAttachment of(UUID vmId, UUID diskId) {
        return find("vmId = ?1 and diskId = ?2", vmId, diskId).firstResult();
    }

    /**
     * Refuses what does not cover shareable disks yet (snapshots, templates, OVA export): a 409 naming them.
     * Inside a transaction.
     */
    public static void refuseShared(UUID vmId, String vmName, String what) {
        List<String> names = getEntityManager().createQuery("select d.name from VmDiskAttachment a, Disk d"
                + " where d.id = a.diskId and a.vmId = :vm order by a.target", String.class).setParameter("vm", vmId)
                .getResultList();
        if (!names.isEmpty()) {
            throw ApiException.conflict("VM " + vmName + " has shareable disk(s) " + String.join(", ", names) + "; " + what
                    + " VMs with shareable disks for now (detach them first)");
        }
    }

    /** The names of the VMs that have the disk attached, sorted. Inside a transaction. */
    public static List<String> vmNames(UUID diskId) {
        return getEntityManager().createQuery("select v.name from VmDiskAttachment a, Vm v where v.id = a.vmId"
                + " and a.diskId = :disk order by v.name", String.class).setParameter("disk", diskId).getResultList();
    }
}
