package dev.vireo.engine.access;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A role granted to a user or group on the system, a cluster or a VM (oVirt's permission model). */
@Entity
@Table(name = "permissions")
public class Permission extends PanacheEntityBase {
    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    @Column(name = "principal_kind", nullable = false)
    public PrincipalKind principalKind;
    @Column(nullable = false)
    public String principal;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;
    @Enumerated(EnumType.STRING)
    @Column(name = "object_kind", nullable = false)
    public ObjectKind objectKind;
    @Column(name = "object_id")
    public UUID objectId;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
}
