package dev.vireo.engine.network;

import dev.vireo.engine.database.BulkSql;
import dev.vireo.engine.database.BulkSql.SqlArray;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A logical network of a cluster, carried on each host by a bridge of that name. */
@Entity
@Table(name = "networks")
public class Network extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false)
    public String name;
    @Column(name = "cluster_id", nullable = false)
    public UUID clusterId;
    @Column(name = "vlan_id")
    public Integer vlanId;
    @Column(nullable = false)
    public int mtu;
    @Column(name = "vm_network", nullable = false)
    public boolean vmNetwork;
    @Column(nullable = false)
    public boolean required;
    @Column(nullable = false)
    public String bridge;

    /** The bridges a VM's NICs need on its host. Call inside a transaction. */
    public static Set<String> bridgesOf(UUID vmId) {
        return Set.copyOf(getEntityManager().createQuery(
                        "select distinct w.bridge from VmNic n, Network w where w.id = n.networkId and n.vmId = :vm", String.class)
                .setParameter("vm", vmId).getResultList());
    }

    /** {@link #bridgesOf(UUID)} for many VMs in one query (a placement batch); VMs without NICs are absent. */
    public static Map<UUID, Set<String>> bridgesOf(Collection<UUID> vmIds) {
        Map<UUID, Set<String>> bridges = new HashMap<>();
        if (vmIds.isEmpty()) {
            return bridges;
        }
        // one array parameter, not one per VM: the same statement for any batch, prepared once
        BulkSql.query(getEntityManager(), "select distinct n.vm_id, w.bridge from vm_nics n join networks w on w.id = n.network_id"
                        + " where n.vm_id = any(?)", SqlArray.uuids(List.copyOf(vmIds)))
                .forEach(r -> bridges.computeIfAbsent((UUID) r[0], k -> new HashSet<>()).add((String) r[1]));
        return bridges;
    }
}
