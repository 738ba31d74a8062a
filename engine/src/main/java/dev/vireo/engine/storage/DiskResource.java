package dev.vireo.engine.storage;

import dev.vireo.engine.api.ObjectName;
import dev.vireo.engine.access.CurrentCaller;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.api.Page;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.VolumeSpec;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

/**
 * Disks: thin qcow2 volumes in storage domains, or shareable raw ones. Administrators manage them; VMs get theirs
 * from templates.
 */
@Path("/api/v1/disks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(CurrentCaller.ADMIN_ROLE)
@Blocking
public class DiskResource {
    /** 1 PiB in MiB: far past any real disk, well inside qcow2's limits */
    static final long MAX_MIB = 1L << 30;

    /**
     * A new empty disk: thin qcow2, or with {@code shareable} a sparse raw volume several VMs may have
     * attached at once (QEMU shares only raw images safely between running guests). {@code format} may be
     * left out; given, it must match: qcow2 for a disk of one VM, raw for a shareable one.
     */
    public record CreateDisk(
            @ObjectName
            String name,
            UUID storageDomainId,
            @NotNull @Min(value = 1, message = "must be at least 1 (MiB)") @Max(value = MAX_MIB, message = "must be at most 1073741824 (1 PiB)")
            Long sizeMiB,
            Boolean shareable,
            @Pattern(regexp = "qcow2|raw", message = "must be qcow2 or raw")
            String format) {
    }

    public record Resize(@NotNull @Min(1) @Max(value = MAX_MIB, message = "must be at most 1073741824 (1 PiB)") Long sizeMiB) {
    }

    @Inject
    Disks disks;
    @Inject
    VolumeOps volumes;
    @Inject
    CurrentCaller caller;
    @Inject
    EventLog events;

    @GET
    public Page<DiskView> list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        int off = Page.offset(offset);
        int lim = Page.limit(limit);
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = Disk.<Disk>findAll(Sort.ascending("name", "id"));
            return new Page<>(query.range(off, off + lim - 1).list().stream().map(DiskView::of).toList(), query.count(), off, lim);
        });
    }

    @GET
    @Path("{id}")
    public DiskView get(@PathParam("id") UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> DiskView.of(find(id)));
    }

    @POST
    public Response create(@Valid @NotNull CreateDisk request) {
        UUID domain = request.storageDomainId() == null ? StorageDomain.DEFAULT_ID : request.storageDomainId();
        boolean shareable = Boolean.TRUE.equals(request.shareable());
        if (shareable && "qcow2".equals(request.format())) {
            throw ApiException.invalid("a shareable disk is raw: QEMU cannot share a qcow2 image between running "
                    + "guests safely; leave out format or give raw");
        }
        if (!shareable && "raw".equals(request.format())) {
            throw ApiException.invalid("raw volumes are for shareable disks (\"shareable\": true); a disk of one VM "
                    + "is thin qcow2");
        }
        Disk d = disks.create(request.name(), domain, new Disks.Origin.Empty(request.sizeMiB() << 20, shareable),
                false, caller.name(), x -> { });
        return Response.created(URI.create("/api/v1/disks/" + d.id)).entity(DiskView.of(d)).build();
    }

    /** Grows a disk; its VM must be down (the guest would not see the new size otherwise). */
    @POST
    @Path("{id}/resize")
    public DiskView resize(@PathParam("id") UUID id, @Valid @NotNull Resize request) {
        long bytes = request.sizeMiB() << 20;
        record Target(String path, UUID hostId) {
        }
        Target target = QuarkusTransaction.requiringNew().call(() -> {
            Disk d = find(id);
            if (d.templateBase) {
                throw ApiException.conflict("disk " + d.name + " is a template's base; it never changes");
            }
            if (bytes < d.sizeBytes) {
                throw ApiException.invalid("a disk only grows: " + d.name + " has " + (d.sizeBytes >> 20) + " MiB");
            }
            Vm vm = d.vmId == null ? null : Vm.findById(d.vmId);
            if (vm != null && vm.status != VmStatus.DOWN) {
                throw ApiException.conflict("VM " + vm.name + " is " + vm.status + "; stop it before resizing its disk");
            }
            for (VmDiskAttachment a : VmDiskAttachment.<VmDiskAttachment>list("diskId", id)) {
                Vm sharer = Vm.findById(a.vmId);
                if (sharer.status != VmStatus.DOWN) {
                    throw ApiException.conflict("VM " + sharer.name + " is " + sharer.status + "; stop every VM sharing disk "
                            + d.name + " before resizing it");
                }
            }
            return new Target(d.volumePath(), d.hostId);
        });
        Map<String, Long> figures = volumes.runOn(target.hostId(), CommandAction.RESIZE_VOLUME, id,
                new VolumeSpec(target.path(), bytes, null, null));
        return QuarkusTransaction.requiringNew().call(() -> {
            Disk d = find(id);
            d.sizeBytes = figures.getOrDefault("virtual_size_bytes", bytes);
            d.actualBytes = figures.get("actual_size_bytes");
            events.info(caller.name(), "disk.resize", "disk", d.id, d.name, "disk grown to " + (d.sizeBytes >> 20) + " MiB");
            return DiskView.of(d);
        });
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
        disks.delete(id, caller.name());
        return Response.noContent().build();
    }

    static Disk find(UUID id) {
        Disk d = Disk.findById(id);
        if (d == null) {
            throw ApiException.notFound("disk", id);
        }
        return d;
    }
}
