package dev.vireo.engine.events;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One line of the audit log. */
@Entity
@Table(name = "events")
public class AuditEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "events_seq")
    @SequenceGenerator(name = "events_seq", sequenceName = "events_id_seq", allocationSize = 50)
    public Long id;
    @Column(nullable = false)
    public OffsetDateTime at;
    @Column(nullable = false)
    public String severity;
    @Column(nullable = false)
    public String actor;
    @Column(nullable = false)
    public String action;
    @Column(name = "object_type")
    public String objectType;
    @Column(name = "object_id")
    public UUID objectId;
    @Column(name = "object_name")
    public String objectName;
    @Column(nullable = false)
    public String message;
}
