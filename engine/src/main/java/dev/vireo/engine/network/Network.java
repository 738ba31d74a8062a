package dev.vireo.engine.network;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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
}
