package dev.vireo.engine.images;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An image on its way in: how much has arrived, and what it becomes. */
@Entity
@Table(name = "image_uploads")
public class ImageUpload extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false)
    public String name;
    @Column(name = "storage_domain_id", nullable = false)
    public UUID storageDomainId;
    @Column(nullable = false)
    public String format;
    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;
    @Column(name = "received_bytes", nullable = false)
    public long receivedBytes;
    public String sha256;
    @Column(nullable = false)
    public String status;
    public String message;
    @Column(name = "disk_id")
    public UUID diskId;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
}
