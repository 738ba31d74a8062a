package dev.vireo.engine.ova;

import dev.vireo.engine.access.CurrentCaller;
import dev.vireo.engine.api.ObjectName;
import dev.vireo.engine.storage.StorageDomain;
import dev.vireo.engine.vms.VmView;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;

/**
 * OVAs in the storage domains: list, register an .ova file found in a domain's {@code ova/} directory,
 * download (streamed from the file), import as a new VM, delete. Exports begin at
 * {@code POST /vms/{id}/export}; uploads of format {@code ova} end up here too. Administrators only.
 */
@Path("/api/v1/ovas")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(CurrentCaller.ADMIN_ROLE)
@Blocking
public class OvaResource {

    public record RegisterOva(
            @NotNull @Size(max = 205) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*\\.ova",
                    message = "must be a plain file name ending in .ova") String fileName,
            @ObjectName String name,
            UUID storageDomainId) {
    }

    /** @param name the new VM's name; the OVF's when absent */
    public record ImportOva(
            @Size(min = 1, max = 64) @Pattern(regexp = "[\\p{L}\\p{N}][\\p{L}\\p{N}._-]*",
                    message = "must start with a letter or digit and hold only letters, digits, '.', '_' and '-'") String name,
            UUID clusterId) {
    }

    @Inject
    OvaCatalog catalog;
    @Inject
    OvaImport importer;
    @Inject
    CurrentCaller caller;

    @GET
    public List<OvaView> list() {
        return catalog.list();
    }

    @GET
    @Path("{id}")
    public OvaView get(@PathParam("id") UUID id) {
        return catalog.get(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(@Valid @NotNull RegisterOva request) {
        OvaView ova = catalog.register(request.storageDomainId() == null ? StorageDomain.DEFAULT_ID : request.storageDomainId(),
                request.fileName(), request.name(), caller.name());
        return Response.created(URI.create("/api/v1/ovas/" + ova.id())).entity(ova).build();
    }

    /** The archive itself, streamed from its file (never read into memory). */
    @GET
    @Path("{id}/download")
    @Produces("application/x-tar")
    public Response download(@PathParam("id") UUID id) {
        OvaView ova = catalog.get(id);
        java.nio.file.Path file = catalog.readyFile(id);
        if (!Files.isRegularFile(file)) {
            throw new dev.vireo.engine.api.ApiException(410, "Gone", "the file of OVA " + ova.name() + " is missing");
        }
        return Response.ok(file.toFile(), "application/x-tar")
                .header("Content-Disposition", "attachment; filename=\"" + ova.name() + ".ova\"").build();
    }

    @POST
    @Path("{id}/import")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importAsVm(@PathParam("id") UUID id, @Valid ImportOva request) {
        VmView vm = importer.importAsVm(id, request == null ? null : request.name(),
                request == null ? null : request.clusterId(), caller.get());
        return Response.created(URI.create("/api/v1/vms/" + vm.id())).entity(vm).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
        catalog.delete(id, caller.name());
        return Response.noContent().build();
    }
}
