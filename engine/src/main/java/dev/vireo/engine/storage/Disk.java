package dev.vireo.engine.storage;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A qcow2 volume in a storage domain, attached to at most one VM. */
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
    @Column(name = "template_base", nullable = false)
    public boolean templateBase;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "created_by", nullable = false)
    public String createdBy;

    public String volumePath() {
        StorageDomain domain = StorageDomain.findById(storageDomainId);
        return domain.volumePath(id);
    }
}
