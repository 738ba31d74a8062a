package dev.vireo.engine.storage;

import dev.vireo.engine.access.CurrentCaller;
import dev.vireo.engine.access.Role;
import dev.vireo.engine.access.VmAccess;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.UUID;

/**
 * A VM's disks: list, attach, detach, while the VM is down. One disk per VM for now (it is the guest's
 * {@code vda}); several disks and hot-plug come with the storage issue's next part.
 */
@Path("/api/v1/vms/{vmId}/disks")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class VmDiskResource {

    public record Attach(@NotNull UUID diskId) {
    }

    @Inject
    VmAccess access;
    @Inject
    CurrentCaller caller;
    @Inject
    EventLog events;

    @GET
    public List<DiskView> list(@PathParam("vmId") UUID vmId) {
        access.require(caller.get(), vmId, Role.USER);
        return QuarkusTransaction.requiringNew().call(() -> Disk.<Disk>list("vmId", vmId).stream().map(DiskView::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(CurrentCaller.ADMIN_ROLE)
    public DiskView attach(@PathParam("vmId") UUID vmId, @NotNull Attach request) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = downVm(vmId);
            Disk d = Disk.findById(request.diskId(), LockModeType.PESSIMISTIC_WRITE);
            if (d == null) {
                throw ApiException.invalid("disk " + request.diskId() + " does not exist");
            }
            if (d.templateBase) {
                throw ApiException.conflict("disk " + d.name + " is a template's base; create a VM from the template instead");
            }
            if (d.vmId != null) {
                throw ApiException.conflict("disk " + d.name + " is attached to another VM already");
            }
            if (Disk.count("vmId", vmId) > 0) {
                throw ApiException.conflict("VM " + vm.name + " has a disk already; one disk per VM for now");
            }
            d.vmId = vmId;
            vm.bootDisk = d.volumePath();
            events.info(caller.name(), "vm.disk-attach", "vm", vm.id, vm.name, "disk " + d.name + " attached");
            return DiskView.of(d);
        });
    }

    @DELETE
    @Path("{diskId}")
    @RolesAllowed(CurrentCaller.ADMIN_ROLE)
    public Response detach(@PathParam("vmId") UUID vmId, @PathParam("diskId") UUID diskId) {
        QuarkusTransaction.requiringNew().run(() -> {
            Vm vm = downVm(vmId);
            Disk d = Disk.findById(diskId, LockModeType.PESSIMISTIC_WRITE);
            if (d == null || !vmId.equals(d.vmId)) {
                throw ApiException.notFound("disk of VM " + vm.name, diskId);
            }
            d.vmId = null;
            vm.bootDisk = null;
            events.info(caller.name(), "vm.disk-detach", "vm", vm.id, vm.name, "disk " + d.name + " detached");
        });
        return Response.noContent().build();
    }

    private static Vm downVm(UUID vmId) {
        Vm vm = Vm.findById(vmId, LockModeType.PESSIMISTIC_WRITE);
        if (vm == null) {
            throw ApiException.notFound("VM", vmId);
        }
        if (vm.status != VmStatus.DOWN) {
            throw ApiException.conflict("VM " + vm.name + " is " + vm.status + "; disks change while it is down");
        }
        return vm;
    }
}
