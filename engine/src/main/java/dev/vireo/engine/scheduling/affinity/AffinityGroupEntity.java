package dev.vireo.engine.scheduling.affinity;

import dev.vireo.engine.scheduling.AffinityGroup;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

@Entity
@Table(name = "affinity_groups")
public class AffinityGroupEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "cluster_id", nullable = false)
    public UUID clusterId;
    @Column(nullable = false)
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(name = "vm_polarity", nullable = false)
    public AffinityGroup.Polarity vmPolarity;
    @Enumerated(EnumType.STRING)
    @Column(name = "host_polarity", nullable = false)
    public AffinityGroup.Polarity hostPolarity;
    @Column(nullable = false)
    public boolean hard;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "affinity_group_vms", joinColumns = @JoinColumn(name = "group_id"))
    @Column(name = "vm_id")
    public Set<UUID> vmIds = new HashSet<>();
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "affinity_group_hosts", joinColumns = @JoinColumn(name = "group_id"))
    @Column(name = "host_id")
    public Set<UUID> hostIds = new HashSet<>();
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Version
    public long version;

    public AffinityGroup toModel() {
        return new AffinityGroup(id, name, vmPolarity, hostPolarity, hard, Set.copyOf(vmIds), Set.copyOf(hostIds));
    }
}
