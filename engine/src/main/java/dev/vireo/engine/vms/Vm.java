package dev.vireo.engine.vms;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A virtual machine: its definition, what the user wants (desired) and what the host reports (status). */
@Entity
@Table(name = "vms")
public class Vm extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "cluster_id", nullable = false)
    public UUID clusterId;
    @Column(nullable = false)
    public String name;
    public String description;
    @Column(name = "memory_mib", nullable = false)
    public int memoryMiB;
    @Column(nullable = false)
    public int vcpus;
    /** restarted on another host when its host is confirmed down */
    @Column(name = "highly_available", nullable = false)
    public boolean highlyAvailable;
    @Column(name = "boot_kernel")
    public String bootKernel;
    @Column(name = "boot_initrd")
    public String bootInitrd;
    @Column(name = "boot_cmdline")
    public String bootCmdline;
    @Column(name = "boot_disk")
    public String bootDisk;
    /** where the boot came from; null for VMs made before it was recorded (see {@link BootTrust}) */
    @Enumerated(EnumType.STRING)
    @Column(name = "boot_source")
    public BootPolicy.Source bootSource;
    /** its guest CPU model; null: its cluster's CPU type */
    @Column(name = "cpu_model")
    public String cpuModel;
    @Enumerated(EnumType.STRING)
    @Column(name = "desired_state", nullable = false)
    public DesiredState desiredState;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VmStatus status;
    @Column(name = "host_id")
    public UUID hostId;
    @Column(name = "last_host_id")
    public UUID lastHostId;
    /** the destination while the VM live-migrates (booked there too), else null */
    @Column(name = "migrating_to_host_id")
    public UUID migratingToHostId;
    /** the user who created it (the audit log's actor); owners hold ADMIN on their VMs */
    public String owner;
    /** the quota it counts against, chosen at creation; null when none applied */
    @Column(name = "quota_id")
    public UUID quotaId;
    /** the file its memory was saved to (SAVE); its next start resumes from it */
    @Column(name = "saved_state")
    public String savedState;
    /** the ISO image (an upload of format iso) in its CD-ROM drive, or null */
    @Column(name = "cdrom_iso_id")
    public UUID cdromIsoId;
    @Column(name = "vnc_port")
    public Integer vncPort;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
    @Version
    public long version;

    public void setStatus(VmStatus status) {
        this.status = status;
        this.updatedAt = OffsetDateTime.now();
        if (status == VmStatus.DOWN) {
            this.hostId = null;
            this.migratingToHostId = null;
            this.vncPort = null;
        }
    }

    /** The CPU model it runs with: its own, else its cluster's CPU type; null: the hypervisor's default. Inside a transaction. */
    public String effectiveCpuModel() {
        if (cpuModel != null) {
            return cpuModel;
        }
        dev.vireo.engine.clusters.Cluster cluster = dev.vireo.engine.clusters.Cluster.findById(clusterId);
        return cluster == null ? null : cluster.cpuModel;
    }

    /** The VM now runs (or starts) on {@code host}. */
    public void placeOn(UUID host) {
        this.hostId = host;
        this.lastHostId = host;
    }
}
