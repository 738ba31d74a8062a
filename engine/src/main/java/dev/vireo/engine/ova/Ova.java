package dev.vireo.engine.ova;

import dev.vireo.engine.storage.StorageDomain;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An OVA file in a storage domain's {@code ova/} directory: exported from a VM, uploaded, or registered. */
@Entity
@Table(name = "ovas")
public class Ova extends PanacheEntityBase {
    public static final String EXPORTING = "EXPORTING";
    public static final String READY = "READY";
    public static final String FAILED = "FAILED";

    @Id
    public UUID id;
    @Column(nullable = false)
    public String name;
    @Column(name = "storage_domain_id", nullable = false)
    public UUID storageDomainId;
    @Column(name = "file_name", nullable = false)
    public String fileName;
    @Column(nullable = false)
    public String status;
    @Column(name = "source_vm_id")
    public UUID sourceVmId;
    @Column(name = "upload_id")
    public UUID uploadId;
    @Column(name = "size_bytes")
    public Long sizeBytes;
    public String message;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "created_by", nullable = false)
    public String createdBy;

    /** The directory of a domain's OVAs (and of their work directories while exported or imported). */
    public static Path dir(StorageDomain domain) {
        return Path.of(domain.path).resolve("ova");
    }

    public Path file() {
        return dir(StorageDomain.findById(storageDomainId)).resolve(fileName);
    }
}
