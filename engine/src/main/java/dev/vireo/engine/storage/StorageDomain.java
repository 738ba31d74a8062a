package dev.vireo.engine.storage;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A directory disks live in: one every host sees with the same files at the same path (a shared mount such as
 * NFS; {@link #shared}), or a directory on each host's own disk (not shared: each disk's volume is on one host,
 * {@link Disk#hostId}, and a live migration copies it).
 */
@Entity
@Table(name = "storage_domains")
public class StorageDomain extends PanacheEntityBase {
    public static final UUID DEFAULT_ID = UUID.fromString("00000000-0000-4000-8000-0000000000d1");

    @Id
    public UUID id;
    @Column(nullable = false)
    public String name;
    @Column(nullable = false)
    public String kind;
    @Column(nullable = false)
    public String path;
    /** every host sees the same files at {@link #path}; false: the path is each host's own directory */
    @Column(nullable = false)
    public boolean shared = true;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** Where a disk's volume lives: named by the disk's id, never by user text. */
    public String volumePath(UUID diskId) {
        return volumePath(diskId, false);
    }

    /** A shareable disk's volume is raw: {@code <id>.raw} (the agent tells the format by the name). */
    public String volumePath(UUID diskId, boolean shareable) {
        return Path.of(path).resolve(diskId + (shareable ? ".raw" : ".qcow2")).toString();
    }
}
