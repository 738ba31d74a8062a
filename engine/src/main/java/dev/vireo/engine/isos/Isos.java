package dev.vireo.engine.isos;

import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.images.ImageUpload;
import dev.vireo.engine.images.Uploads;
import dev.vireo.engine.storage.StorageDomain;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * ISO images: an upload of format {@code iso} is checked (an ISO 9660 volume descriptor, "CD001" at byte 32769)
 * and kept as {@code <domain>/iso/<upload id>.iso}; a stopped VM gets one in its CD-ROM drive (read-only,
 * the guest's {@code hdc}) or has it ejected.
 */
@ApplicationScoped
public class Isos {
    private static final long DESCRIPTOR = 32769;
    private static final byte[] MAGIC = "CD001".getBytes(StandardCharsets.US_ASCII);

    @Inject
    Uploads uploads;
    @Inject
    EventLog events;

    public record IsoView(UUID id, String name, long sizeBytes, UUID storageDomainId) {
        static IsoView of(ImageUpload u) {
            return new IsoView(u.id, u.name, u.sizeBytes, u.storageDomainId);
        }
    }

    public List<IsoView> list() {
        return QuarkusTransaction.requiringNew().call(() -> ImageUpload.<ImageUpload>list(
                "format = ?1 and status = ?2 order by name", "iso", "IMPORTED").stream().map(IsoView::of).toList());
    }

    /** Completes an upload of format iso. */
    public IsoView fromUpload(UUID uploadId, String actor) {
        Path target = QuarkusTransaction.requiringNew().call(() -> {
            ImageUpload u = ImageUpload.findById(uploadId);
            if (u == null) {
                throw ApiException.notFound("upload", uploadId);
            }
            return fileOf(u);
        });
        uploads.completeAsFile(uploadId, target, Isos::requireIso9660, actor);
        return QuarkusTransaction.requiringNew().call(() -> IsoView.of(ImageUpload.findById(uploadId)));
    }

    /** Puts the ISO into the stopped VM's CD-ROM drive, or ejects it ({@code isoId} null). */
    public void insert(UUID vmId, UUID isoId, String actor) {
        QuarkusTransaction.requiringNew().run(() -> {
            Vm vm = Vm.findById(vmId, LockModeType.PESSIMISTIC_WRITE);
            if (vm == null) {
                throw ApiException.notFound("VM", vmId);
            }
            if (vm.status != VmStatus.DOWN) {
                throw ApiException.conflict("VM " + vm.name + " is " + vm.status + "; its CD-ROM changes while it is down");
            }
            if (vm.savedState != null) {
                throw ApiException.conflict("VM " + vm.name + " is saved with its memory; start it before changing its CD-ROM");
            }
            String name = null;
            if (isoId != null) {
                ImageUpload iso = ImageUpload.findById(isoId);
                if (iso == null || !"iso".equals(iso.format) || !"IMPORTED".equals(iso.status)) {
                    throw ApiException.invalid("ISO image " + isoId + " does not exist");
                }
                name = iso.name;
            }
            vm.cdromIsoId = isoId;
            events.info(actor, "vm.cdrom", "vm", vm.id, vm.name, isoId == null ? "CD-ROM ejected" : "ISO " + name + " in the CD-ROM");
        });
    }

    /** The ISO in the VM's CD-ROM drive (both fields null when it is empty). */
    public VmCdromResource.CdromView inDrive(UUID vmId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = Vm.findById(vmId);
            if (vm == null) {
                throw ApiException.notFound("VM", vmId);
            }
            ImageUpload iso = vm.cdromIsoId == null ? null : ImageUpload.findById(vm.cdromIsoId);
            return new VmCdromResource.CdromView(vm.cdromIsoId, iso == null ? null : iso.name);
        });
    }

    /** The ISO's file on the hosts, for a VM's domain spec. Inside a transaction. */
    public static String pathOf(UUID isoId) {
        return fileOf(ImageUpload.findById(isoId)).toString();
    }

    private static Path fileOf(ImageUpload u) {
        StorageDomain domain = StorageDomain.findById(u.storageDomainId);
        return Path.of(domain.path).resolve("iso").resolve(u.id + ".iso");
    }

    private static void requireIso9660(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(DESCRIPTOR);
            if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC)) {
                throw ApiException.invalid("the image is not an ISO 9660 image (no CD001 volume descriptor)");
            }
        } catch (java.io.EOFException e) {
            throw ApiException.invalid("the image is too short to be an ISO 9660 image");
        } catch (IOException e) {
            throw ApiException.conflict("cannot read the image: " + e.getMessage());
        }
    }
}
