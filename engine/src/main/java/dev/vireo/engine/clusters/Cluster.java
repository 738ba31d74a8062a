package dev.vireo.engine.clusters;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
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
    @Version
    public long version;
}
