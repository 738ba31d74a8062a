package dev.vireo.engine.clusters;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import dev.vireo.engine.scheduling.SchedulingPolicy;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A group of hosts that VMs may run and move between. */
@Entity
@Table(name = "clusters")
public class Cluster extends PanacheEntityBase {
    /** Created by the first migration, like oVirt's "Default". */
    public static final UUID DEFAULT_ID = UUID.fromString("00000000-0000-4000-8000-000000000001");

    @Id
    public UUID id;
    @Column(nullable = false)
    public String name;
    public String description;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Enumerated(EnumType.STRING)
    @Column(name = "scheduling_policy", nullable = false)
    public SchedulingPolicy.Name schedulingPolicy = SchedulingPolicy.Name.EVENLY_DISTRIBUTED;
    @Column(name = "vcpu_overcommit", nullable = false)
    public double vcpuOvercommit = SchedulingPolicy.DEFAULT_VCPU_OVERCOMMIT;
    @Column(name = "max_vms_per_host", nullable = false)
    public int maxVmsPerHost;
    @Column(name = "high_utilization", nullable = false)
    public int highUtilization = 80;
    @Column(name = "low_utilization", nullable = false)
    public int lowUtilization = 20;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "cluster_weight_factors", joinColumns = @JoinColumn(name = "cluster_id"))
    @MapKeyColumn(name = "unit")
    @Column(name = "factor")
    public Map<String, Double> weightFactors = new HashMap<>(SchedulingPolicy.presetWeights(SchedulingPolicy.Name.EVENLY_DISTRIBUTED));
    /** "legacy" (Linux bridge, kernel bonds, VLAN devices) or "ovs" (Open vSwitch) on the cluster's hosts */
    @Column(name = "switch_type", nullable = false)
    public String switchType = "legacy";
    @Column(name = "migration_max_downtime_ms", nullable = false)
    public int migrationMaxDowntimeMs;
    @Column(name = "migration_bandwidth_mibps", nullable = false)
    public int migrationBandwidthMiBps;
    @Column(name = "migration_parallel_per_host", nullable = false)
    public int migrationParallelPerHost = 2;
    @Column(name = "migration_auto_converge", nullable = false)
    public boolean migrationAutoConverge;
    @Column(name = "migration_post_copy", nullable = false)
    public boolean migrationPostCopy;
    /** the guest CPU of its VMs that name none: host-model, host-passthrough, maximum or a named model; null: the hypervisor's default */
    @Column(name = "cpu_model")
    public String cpuModel;
    @Version
    public long version;

    public SchedulingPolicy policy() {
        return new SchedulingPolicy(schedulingPolicy, Map.copyOf(weightFactors), vcpuOvercommit, maxVmsPerHost,
                highUtilization, lowUtilization);
    }
}
