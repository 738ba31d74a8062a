package dev.vireo.engine.images;

import dev.vireo.engine.api.ObjectName;
import dev.vireo.engine.api.Page;
import dev.vireo.engine.access.CurrentCaller;
import dev.vireo.engine.isos.Isos;
import dev.vireo.engine.ova.OvaCatalog;
import dev.vireo.engine.ova.OvaView;
import dev.vireo.engine.storage.Disk;
import dev.vireo.engine.storage.DiskView;
import dev.vireo.engine.storage.StorageDomain;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Disk image uploads: {@code POST} to begin (name, format, size, optional SHA-256), {@code PUT} chunks of
 * at most 1 MiB with {@code Content-Range}, {@code GET} to learn how much arrived (to resume), and
 * {@code POST …/complete} to check and import it as a qcow2 disk (or, for format {@code ova}, keep it as an
 * OVA to import as a VM through {@code /ovas}; for {@code iso}, an ISO image for CD-ROMs). {@code DELETE} discards an
 * unfinished or failed upload. Administrators only: every upload belongs to an administrator, and any administrator
 * may discard one (the owner-or-admin rule holds because only administrators reach this resource).
 */
@Path("/api/v1/images/uploads")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(CurrentCaller.ADMIN_ROLE)
@Blocking
public class ImageUploadResource {

    public record BeginUpload(
            @ObjectName
            String name,
            @NotNull @Pattern(regexp = "qcow2|raw|vmdk|vdi|vhdx|ova|iso", message = "must be qcow2, raw, vmdk, vdi, vhdx, ova or iso") String format,
            @NotNull @Min(value = 512, message = "must be at least 512 bytes") @Max(value = 1L << 50, message = "must be at most 1 PiB")
            Long sizeBytes,
            @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hex digits") String sha256,
            UUID storageDomainId) {
    }

    /** {@code sha256}: the checksum the upload was begun with (the file's is checked against it), null if none was given */
    public record UploadView(UUID id, String name, String format, long sizeBytes, long receivedBytes, int percent,
                             String status, String message, UUID diskId, String sha256, UUID storageDomainId,
                             OffsetDateTime createdAt, String createdBy) {
        static UploadView of(ImageUpload u) {
            return new UploadView(u.id, u.name, u.format, u.sizeBytes, u.receivedBytes,
                    (int) (100 * u.receivedBytes / u.sizeBytes), u.status, u.message, u.diskId, u.sha256, u.storageDomainId,
                    u.createdAt, u.createdBy);
        }
    }

    @Inject
    Uploads uploads;
    @Inject
    CurrentCaller caller;
    @Inject
    OvaCatalog ovas;
    @Inject
    Isos isos;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response begin(@Valid @NotNull BeginUpload request) {
        ImageUpload u = uploads.begin(request.name(), request.storageDomainId() == null ? StorageDomain.DEFAULT_ID
                : request.storageDomainId(), request.format(), request.sizeBytes(), request.sha256(), caller.name());
        return Response.created(URI.create("/api/v1/images/uploads/" + u.id)).entity(UploadView.of(u)).build();
    }

    /**
     * Every upload, newest first: in progress, imported (as a disk, an OVA or an ISO) or failed; {@code status}
     * UPLOADING lists the unfinished ones a client may resume.
     */
    @GET
    public Page<UploadView> list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit,
                                 @QueryParam("status") @Pattern(regexp = "UPLOADING|IMPORTED|FAILED",
                                         message = "must be UPLOADING, IMPORTED or FAILED") String status) {
        int off = Page.offset(offset);
        int lim = Page.limit(limit);
        return QuarkusTransaction.requiringNew().call(() -> {
            Sort newest = Sort.descending("createdAt", "id");
            var query = status == null ? ImageUpload.<ImageUpload>findAll(newest)
                    : ImageUpload.<ImageUpload>find("status", newest, status);
            return new Page<>(query.range(off, off + lim - 1).list().stream().map(UploadView::of).toList(), query.count(), off, lim);
        });
    }

    @GET
    @Path("{id}")
    public UploadView get(@PathParam("id") UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> UploadView.of(Uploads.find(id)));
    }

    /** Discards an unfinished or failed upload and its partly received file; 409 for an imported one. */
    @DELETE
    @Path("{id}")
    public Response discard(@PathParam("id") UUID id) {
        uploads.discard(id, caller.name());
        return Response.noContent().build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    public UploadView chunk(@PathParam("id") UUID id, @HeaderParam("Content-Range") String range, InputStream body) {
        return UploadView.of(uploads.chunk(id, range, body));
    }

    @POST
    @Path("{id}/complete")
    public Response complete(@PathParam("id") UUID id) {
        String format = QuarkusTransaction.requiringNew().call(() -> Uploads.find(id).format);
        if ("ova".equals(format)) {
            OvaView ova = ovas.fromUpload(id, caller.name());
            return Response.created(URI.create("/api/v1/ovas/" + ova.id())).entity(ova).build();
        }
        if ("iso".equals(format)) {
            return Response.created(URI.create("/api/v1/isos")).entity(isos.fromUpload(id, caller.name())).build();
        }
        Disk disk = uploads.complete(id, caller.name());
        return Response.created(URI.create("/api/v1/disks/" + disk.id)).entity(DiskView.of(disk)).build();
    }
}
