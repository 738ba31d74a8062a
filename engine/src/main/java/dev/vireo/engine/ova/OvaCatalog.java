package dev.vireo.engine.ova;

import dev.vireo.engine.api.Actors;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.images.ImageUpload;
import dev.vireo.engine.images.Uploads;
import dev.vireo.engine.storage.StorageDomain;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** The OVAs the engine knows: listing, registering files found in a domain, uploads that were OVAs, deleting. */
@ApplicationScoped
public class OvaCatalog {
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}\\.ova");

    @Inject
    EventLog events;
    @Inject
    Uploads uploads;

    public List<OvaView> list() {
        return QuarkusTransaction.requiringNew().call(() -> Ova.<Ova>findAll(Sort.descending("createdAt")).list()
                .stream().map(OvaView::of).toList());
    }

    public OvaView get(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> OvaView.of(find(id)));
    }

    /** The file of a READY OVA, for download. */
    public Path readyFile(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Ova o = find(id);
            if (!Ova.READY.equals(o.status)) {
                throw ApiException.conflict("OVA " + o.name + " is " + o.status);
            }
            return o.file();
        });
    }

    /**
     * Registers an .ova file that was put into the domain's {@code ova/} directory by other means (a copy onto
     * the shared mount): a plain file name there, no symlink, nothing outside the directory.
     */
    public OvaView register(UUID storageDomainId, String fileName, String name, String actor) {
        if (fileName == null || !FILE_NAME.matcher(fileName).matches() || fileName.contains("..")) {
            throw ApiException.invalid("fileName must be a plain file name ending in .ova (letters, digits, '.', '_', '-')");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            StorageDomain domain = StorageDomain.findById(storageDomainId);
            if (domain == null) {
                throw ApiException.invalid("storage domain " + storageDomainId + " does not exist");
            }
            Path dir = Ova.dir(domain);
            Path file = dir.resolve(fileName);
            try {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        || !file.toRealPath().getParent().equals(dir.toRealPath())) {
                    throw ApiException.invalid("there is no file " + fileName + " in " + dir);
                }
            } catch (IOException e) {
                throw ApiException.invalid("there is no file " + fileName + " in " + dir);
            }
            if (Ova.count("storageDomainId = ?1 and fileName = ?2", domain.id, fileName) > 0) {
                throw ApiException.conflict("OVA file " + fileName + " is registered already");
            }
            Ova o = newOva(name, domain.id, fileName, actor);
            o.sizeBytes = size(file);
            o.persist();
            events.info(actor, "ova.register", "ova", o.id, o.name, "OVA file " + fileName + " registered");
            return OvaView.of(o);
        });
    }

    /** Completes an upload of format ova: checked like any image, then kept as {@code <domain>/ova/<id>.ova}. */
    public OvaView fromUpload(UUID uploadId, String actor) {
        UUID id = UUID.randomUUID();
        record Target(Path file, UUID domainId, String name) {
        }
        Target target = QuarkusTransaction.requiringNew().call(() -> {
            ImageUpload u = ImageUpload.findById(uploadId);
            if (u == null) {
                throw ApiException.notFound("upload", uploadId);
            }
            StorageDomain domain = StorageDomain.findById(u.storageDomainId);
            return new Target(Ova.dir(domain).resolve(id + ".ova"), domain.id, u.name);
        });
        uploads.completeAsFile(uploadId, target.file(), OvaCatalog::requireDescriptor, actor);
        return QuarkusTransaction.requiringNew().call(() -> {
            Ova o = newOva(target.name(), target.domainId(), id + ".ova", actor);
            o.id = id;
            o.uploadId = uploadId;
            o.sizeBytes = size(target.file());
            o.persist();
            events.info(actor, "ova.upload", "ova", o.id, o.name, "OVA uploaded (" + o.sizeBytes + " bytes)");
            return OvaView.of(o);
        });
    }

    public void delete(UUID id, String actor) {
        Path file = QuarkusTransaction.requiringNew().call(() -> {
            Ova o = find(id);
            if (Ova.EXPORTING.equals(o.status)) {
                throw ApiException.conflict("OVA " + o.name + " is still being exported");
            }
            Path f = o.file();
            o.delete();
            events.info(actor, "ova.delete", "ova", id, o.name, "OVA deleted");
            return f;
        });
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw ApiException.conflict("the OVA's entry is gone but its file " + file + " could not be removed: " + e.getMessage());
        }
    }

    /** An export cannot go on after an engine restart: its job is failed by the jobs, its OVA here. */
    void settleInterrupted(@Observes StartupEvent start) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (Ova o : Ova.<Ova>list("status", Ova.EXPORTING)) {
                o.status = Ova.FAILED;
                o.message = "interrupted by an engine restart";
                events.warn(Actors.SYSTEM, "ova.interrupted", "ova", o.id, o.name, o.message);
            }
        });
    }

    /** An upload that claims to be an OVA must at least be a tar that starts with a valid OVF. */
    private static void requireDescriptor(Path file) {
        try {
            OvaArchive.descriptor(file);
        } catch (IOException e) {
            throw ApiException.conflict("cannot read the uploaded OVA: " + e.getMessage());
        }
    }

    static Ova find(UUID id) {
        Ova o = Ova.findById(id);
        if (o == null) {
            throw ApiException.notFound("OVA", id);
        }
        return o;
    }

    private static Ova newOva(String name, UUID domainId, String fileName, String actor) {
        Ova o = new Ova();
        o.id = UUID.randomUUID();
        o.name = name;
        o.storageDomainId = domainId;
        o.fileName = fileName;
        o.status = Ova.READY;
        o.createdAt = OffsetDateTime.now();
        o.createdBy = actor;
        return o;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw ApiException.conflict("cannot read " + file + ": " + e.getMessage());
        }
    }
}
