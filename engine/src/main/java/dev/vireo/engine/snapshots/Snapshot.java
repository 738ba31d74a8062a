package dev.vireo.engine.snapshots;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A snapshot of a VM: an internal snapshot inside its qcow2 disk, named there (and in libvirt) by its id.
 * With memory it brings back the running guest; without, the disk as it was.
 */
@Entity
@Table(name = "snapshots")
public class Snapshot extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "vm_id", nullable = false)
    public UUID vmId;
    /** the disk it lives in; null once that disk is deleted (and the snapshot with it) */
    @Column(name = "disk_id")
    public UUID diskId;
    @Column(nullable = false)
    public String name;
    public String description;
    @Column(name = "with_memory", nullable = false)
    public boolean withMemory;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SnapshotStatus status;
    /** a memory snapshot's libvirt XML, which agents redefine libvirt's metadata from; never shown */
    @Column(name = "libvirt_xml")
    public String libvirtXml;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
}
