package dev.vireo.engine.templates;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** What new VMs are made from: settings, a boot, and a base disk that is never written to. */
@Entity
@Table(name = "templates")
public class Template extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false)
    public String name;
    public String description;
    @Column(name = "memory_mib", nullable = false)
    public int memoryMiB;
    @Column(nullable = false)
    public int vcpus;
    @Column(name = "boot_kernel")
    public String bootKernel;
    @Column(name = "boot_initrd")
    public String bootInitrd;
    @Column(name = "boot_cmdline")
    public String bootCmdline;
    /** the operating system on its disk, as the administrator named it ("Debian GNU/Linux 12 (bookworm)") */
    @Column(name = "os_name")
    public String osName;
    @Column(name = "disk_id")
    public UUID diskId;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
}
