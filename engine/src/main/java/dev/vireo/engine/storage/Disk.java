package dev.vireo.engine.storage;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import dev.vireo.engine.vms.Vm;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A volume in a storage domain: a qcow2 volume attached to at most one VM as one of its guest devices
 * ({@link #vmId}, {@link #target}), or a shareable raw volume attached to any number of VMs, each through a
 * {@link VmDiskAttachment} ({@link #vmId} and {@link #target} stay null).
 */
@Entity
@Table(name = "disks")
public class Disk extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false)
    public String name;
    @Column(name = "storage_domain_id", nullable = false)
    public UUID storageDomainId;
    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;
    @Column(name = "actual_bytes")
    public Long actualBytes;
    @Column(name = "backing_disk_id")
    public UUID backingDiskId;
    @Column(name = "vm_id")
    public UUID vmId;
    /** the guest device while attached: vda for the boot disk, then vdb … vdz; null while detached */
    public String target;
    @Column(name = "template_base", nullable = false)
    public boolean templateBase;
    /** a raw volume several VMs may have attached at once; no snapshots, thin clones or templates */
    @Column(nullable = false)
    public boolean shareable;
    /** on a non-shared storage domain: the host whose directory holds the volume; null on a shared domain */
    @Column(name = "host_id")
    public UUID hostId;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "created_by", nullable = false)
    public String createdBy;

    public static final String BOOT_TARGET = "vda";

    /** Attaches it to the VM as {@code target}; as vda it becomes the VM's boot disk. Inside a transaction. */
    public void attachTo(Vm vm, String target) {
        this.vmId = vm.id;
        this.target = target;
        if (BOOT_TARGET.equals(target)) {
            vm.bootDisk = volumePath();
        }
    }

    /** Detaches it from the VM; the VM has no boot disk when this was it. Inside a transaction. */
    public void detachFrom(Vm vm) {
        if (BOOT_TARGET.equals(target)) {
            vm.bootDisk = null;
        }
        this.vmId = null;
        this.target = null;
    }

    public String volumePath() {
        StorageDomain domain = StorageDomain.findById(storageDomainId);
        return domain.volumePath(id, shareable);
    }
}
