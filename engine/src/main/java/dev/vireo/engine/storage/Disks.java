package dev.vireo.engine.storage;

import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.VolumeSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Making and removing disks: the volume on a host first, then its row, so a row never names a volume
 * that is not there; a row that cannot be written takes its new volume away again.
 */
@ApplicationScoped
public class Disks {
    private static final Logger LOG = Logger.getLogger(Disks.class);

    @Inject
    VolumeOps volumes;
    @Inject
    EventLog events;

    /** How a new disk's volume is made. */
    public sealed interface Origin {
        /** an empty volume: thin qcow2, or sparse raw for a shareable disk */
        record Empty(long sizeBytes, boolean shareable) implements Origin {
            public Empty(long sizeBytes) {
                this(sizeBytes, false);
            }
        }

        /** copy-on-write over another disk's volume (a template's base) */
        record ThinClone(Disk base) implements Origin {
        }

        /** a standalone copy of another disk's volume */
        record Copy(Disk source) implements Origin {
        }

        /** an uploaded image file of the claimed format, converted to qcow2 */
        record Convert(String sourcePath, String format, long sizeBytes) implements Origin {
        }
    }

    /**
     * Creates the volume, then the disk row inside a new transaction where {@code within} may do more
     * with it (attach it to a VM being created). Returns the disk as stored.
     */
    public Disk create(String name, UUID storageDomainId, Origin origin, boolean templateBase, String actor,
                       Consumer<Disk> within) {
        return create(name, storageDomainId, origin, templateBase, actor, null, within);
    }

    /**
     * As above; on a non-shared storage domain the volume is made on {@code onHost} (the host of the running VM
     * that gets the disk) or, when null, on any UP host, and the disk remembers which. A volume made from
     * another volume on a non-shared domain (a thin clone, a copy) is made on that volume's host.
     */
    public Disk create(String name, UUID storageDomainId, Origin origin, boolean templateBase, String actor,
                       UUID onHost, Consumer<Disk> within) {
        UUID id = UUID.randomUUID();
        StorageDomain domain = QuarkusTransaction.requiringNew().call(() -> StorageDomain.findById(storageDomainId));
        if (domain == null) {
            throw ApiException.invalid("storage domain " + storageDomainId + " does not exist");
        }
        Disk from = origin instanceof Origin.ThinClone c ? c.base() : origin instanceof Origin.Copy c ? c.source() : null;
        if (from != null && from.hostId != null && onHost != null && !from.hostId.equals(onHost)) {
            throw ApiException.conflict("disk " + from.name + " is on non-shared storage of another host than the VM's");
        }
        if (origin instanceof Origin.ThinClone && from.hostId != null && domain.shared) {
            throw ApiException.conflict("a thin clone of disk " + from.name + ", which is on one host's non-shared "
                    + "storage, must be on that storage too: other hosts could not read its base");
        }
        UUID host = from != null && from.hostId != null ? from.hostId : domain.shared ? null
                : onHost != null ? onHost : volumes.anyHost();
        boolean shareable = origin instanceof Origin.Empty e && e.shareable();
        String path = domain.volumePath(id, shareable);
        Map<String, Long> figures;
        Long expectedSize;
        if (origin instanceof Origin.Empty empty) {
            figures = volumes.runOn(host, CommandAction.CREATE_VOLUME, id, VolumeSpec.empty(path, empty.sizeBytes()));
            expectedSize = empty.sizeBytes();
        } else if (origin instanceof Origin.ThinClone clone) {
            figures = volumes.runOn(host, CommandAction.CREATE_VOLUME, id, VolumeSpec.thinClone(path, pathOf(clone.base())));
            expectedSize = clone.base().sizeBytes;
        } else if (origin instanceof Origin.Convert convert) {
            figures = volumes.runOn(host, CommandAction.COPY_VOLUME, id, VolumeSpec.convert(path, convert.sourcePath(), convert.format()));
            expectedSize = convert.sizeBytes();
        } else {
            Origin.Copy copy = (Origin.Copy) origin;
            figures = volumes.runOn(host, CommandAction.COPY_VOLUME, id, VolumeSpec.copyOf(path, pathOf(copy.source())));
            expectedSize = copy.source().sizeBytes;
        }
        UUID holder = domain.shared ? null : host;
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Disk d = new Disk();
                d.id = id;
                d.name = name;
                d.storageDomainId = storageDomainId;
                d.sizeBytes = figures.getOrDefault("virtual_size_bytes", expectedSize);
                d.actualBytes = figures.get("actual_size_bytes");
                d.backingDiskId = origin instanceof Origin.ThinClone c ? c.base().id : null;
                d.templateBase = templateBase;
                d.shareable = shareable;
                d.hostId = holder;
                d.createdAt = OffsetDateTime.now();
                d.createdBy = actor;
                d.persistAndFlush();
                within.accept(d);
                events.info(actor, "disk.create", "disk", d.id, d.name, "disk created (" + (d.sizeBytes >> 20) + " MiB"
                        + (shareable ? ", shareable raw" : "") + (d.backingDiskId != null ? ", thin clone" : origin instanceof Origin.Copy ? ", copy"
                        : origin instanceof Origin.Convert c ? ", imported from " + c.format() : "") + ")");
                return d;
            });
        } catch (RuntimeException e) {
            removeVolume(host, id, path);
            throw e;
        }
    }

    /**
     * Deletes a disk that no VM uses and no clone is layered over. The VM snapshots it holds a part of (inside
     * its qcow2 file) lose that part with it, as when snapshots covered one disk: they can no longer be reverted
     * to, only deleted, and the event says which.
     */
    public void delete(UUID id, String actor) {
        record Doomed(String name, String path, UUID hostId, List<String> snapshots) {
        }
        Doomed doomed = QuarkusTransaction.requiringNew().call(() -> {
            Disk d = Disk.findById(id);
            if (d == null) {
                throw ApiException.notFound("disk", id);
            }
            if (d.vmId != null) {
                throw ApiException.conflict("disk " + d.name + " is attached to a VM; detach it first");
            }
            List<String> sharers = VmDiskAttachment.vmNames(id);
            if (!sharers.isEmpty()) {
                throw ApiException.conflict("shareable disk " + d.name + " is attached to VM(s) " + String.join(", ", sharers)
                        + "; detach it from each first");
            }
            // a template's base goes with its template (DELETE /templates/{id}), never on its own
            Object template = Disk.getEntityManager().createNativeQuery("select name from templates where disk_id = ?1")
                    .setParameter(1, id).getResultStream().findFirst().orElse(null);
            if (template != null) {
                throw ApiException.conflict("disk " + d.name + " is the base of template " + template
                        + "; delete the template instead");
            }
            long clones = Disk.count("backingDiskId", id);
            if (clones > 0) {
                throw ApiException.conflict("disk " + d.name + " is the base of " + clones + " thin clone(s); delete them first");
            }
            @SuppressWarnings("unchecked")
            List<String> snapshots = Disk.getEntityManager().createNativeQuery("select distinct s.name from snapshot_disks sd"
                    + " join snapshots s on s.id = sd.snapshot_id where sd.disk_id = ?1 and sd.excluded is null order by s.name")
                    .setParameter(1, id).getResultList();
            return new Doomed(d.name, d.volumePath(), d.hostId, snapshots);
        });
        volumes.runOn(doomed.hostId(), CommandAction.DELETE_VOLUME, id, VolumeSpec.empty(doomed.path(), 0));
        QuarkusTransaction.requiringNew().run(() -> {
            Disk.deleteById(id);
            events.info(actor, "disk.delete", "disk", id, doomed.name(), "disk deleted" + (doomed.snapshots().isEmpty() ? ""
                    : "; snapshot(s) '" + String.join("', '", doomed.snapshots()) + "' had a part in it and can no longer "
                    + "be reverted to, only deleted"));
        });
    }

    private static String pathOf(Disk disk) {
        return QuarkusTransaction.requiringNew().call(disk::volumePath);
    }

    private void removeVolume(UUID host, UUID id, String path) {
        try {
            volumes.runOn(host, CommandAction.DELETE_VOLUME, id, VolumeSpec.empty(path, 0));
        } catch (RuntimeException e) {
            LOG.warnf("the new volume %s could not be removed after its disk row failed: %s", path, e.getMessage());
        }
    }
}
