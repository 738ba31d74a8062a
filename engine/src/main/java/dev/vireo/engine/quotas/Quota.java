package dev.vireo.engine.quotas;

import dev.vireo.engine.access.PrincipalKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Limits on what a user's or a group's VMs may add up to; a null limit is no limit. */
@Entity
@Table(name = "quotas")
public class Quota extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false)
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(name = "principal_kind", nullable = false)
    public PrincipalKind principalKind;
    @Column(nullable = false)
    public String principal;
    @Column(name = "max_vcpus")
    public Integer maxVcpus;
    @Column(name = "max_memory_mib")
    public Long maxMemoryMiB;
    @Column(name = "max_vms")
    public Integer maxVms;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
