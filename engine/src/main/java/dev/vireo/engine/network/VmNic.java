package dev.vireo.engine.network;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A VM's network interface: on a logical network, with a MAC from the {@link MacPool}. */
@Entity
@Table(name = "vm_nics")
public class VmNic extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "vm_id", nullable = false)
    public UUID vmId;
    @Column(name = "network_id", nullable = false)
    public UUID networkId;
    @Column(nullable = false)
    public String mac;
    @Column(nullable = false)
    public String model;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
