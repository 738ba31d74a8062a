package dev.vireo.engine.jobs;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A long action (start, shutdown, …), persisted with its progress so it survives an engine restart. */
@Entity
@Table(name = "jobs")
public class Job extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false)
    public String action;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobStatus status;
    public int progress;
    public String step;
    public String message;
    @Column(nullable = false)
    public String actor;
    @Column(name = "vm_id")
    public UUID vmId;
    @Column(name = "host_id")
    public UUID hostId;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    @Column(name = "ended_at")
    public OffsetDateTime endedAt;
    @Version
    public long version;
}
