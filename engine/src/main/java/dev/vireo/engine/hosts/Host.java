package dev.vireo.engine.hosts;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A hypervisor host with its agent's last reported facts. */
@Entity
@Table(name = "hosts")
public class Host extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "cluster_id", nullable = false)
    public UUID clusterId;
    @Column(nullable = false)
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public HostStatus status;
    @Column(name = "credential_hash", nullable = false)
    public String credentialHash;
    @Column(name = "cpu_model")
    public String cpuModel;
    /** the guest CPU models its hypervisor offers, one per line; null: not reported */
    @Column(name = "cpu_models")
    public String cpuModels;
    @Column(name = "cpu_count")
    public Integer cpuCount;
    @Column(name = "memory_mib")
    public Long memoryMiB;
    @Column(name = "free_memory_mib")
    public Long freeMemoryMiB;
    @Column(name = "libvirt_version")
    public String libvirtVersion;
    @Column(name = "qemu_version")
    public String qemuVersion;
    @Column(name = "libvirt_uri")
    public String libvirtUri;
    @Column(name = "domain_type")
    public String domainType;
    /** newline-separated */
    @Column(name = "image_dirs")
    public String imageDirs;
    @Column(name = "migration_uri")
    public String migrationUri;
    /** JSON list of {@link dev.vireo.protocol.HostNic}, as the agent last reported */
    public String nics;
    /** JSON of the last confirmed network setup (see dev.vireo.engine.hostnetwork) */
    @Column(name = "network_setup")
    public String networkSetup;
    @Column(name = "agent_version")
    public String agentVersion;
    @Column(name = "last_heartbeat")
    public OffsetDateTime lastHeartbeat;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Version
    public long version;

    public List<String> imageDirList() {
        return imageDirs == null || imageDirs.isBlank() ? List.of() : Arrays.asList(imageDirs.split("\n"));
    }

    /** The stored list as a set; null stays null (not reported). */
    public static java.util.Set<String> cpuModelSet(String stored) {
        return stored == null ? null : stored.isEmpty() ? java.util.Set.of() : java.util.Set.of(stored.split("\n"));
    }
}
