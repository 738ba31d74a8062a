package dev.vireo.engine.snapshots;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * A disk of the VM when the snapshot was taken, on its guest device then: covered (the snapshot is inside its
 * qcow2 file) or left out, with the reason (a shareable raw disk, the CD-ROM). A covered disk that was deleted
 * since keeps its name and device here, without {@link #diskId}.
 */
@Entity
@Table(name = "snapshot_disks")
@IdClass(SnapshotDisk.Key.class)
public class SnapshotDisk extends PanacheEntityBase {
    @Id
    @Column(name = "snapshot_id")
    public UUID snapshotId;
    @Id
    public String target;
    @Column(name = "disk_id")
    public UUID diskId;
    @Column(name = "disk_name", nullable = false)
    public String diskName;
    /** null: covered; else why the snapshot leaves it out */
    public String excluded;

    public boolean covered() {
        return excluded == null;
    }

    public static SnapshotDisk of(UUID snapshotId, String target, UUID diskId, String diskName, String excluded) {
        SnapshotDisk d = new SnapshotDisk();
        d.snapshotId = snapshotId;
        d.target = target;
        d.diskId = diskId;
        d.diskName = diskName;
        d.excluded = excluded;
        return d;
    }

    /** The snapshot's disks by guest device. Inside a transaction. */
    static java.util.List<SnapshotDisk> ofSnapshot(UUID snapshotId) {
        return list("snapshotId = ?1 order by target", snapshotId);
    }

    public static class Key implements Serializable {
        public UUID snapshotId;
        public String target;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(snapshotId, k.snapshotId) && Objects.equals(target, k.target);
        }

        @Override
        public int hashCode() {
            return Objects.hash(snapshotId, target);
        }
    }
}
