package dev.vireo.engine.network;

import dev.vireo.engine.access.CurrentCaller;
import dev.vireo.engine.access.Role;
import dev.vireo.engine.access.VmAccess;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A VM's NICs: those who may use the VM see them; those who administer it (its owner, admins) add and
 * remove them, while it is down for now (hot-plug comes later). Each NIC gets its MAC from the
 * {@link MacPool}.
 */
@Path("/api/v1/vms/{vmId}/nics")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class VmNicResource {

    public record NicView(UUID id, UUID vmId, UUID networkId, String networkName, String mac, String model,
                          OffsetDateTime createdAt) {
    }

    public record AddNic(
            @NotNull UUID networkId,
            @Pattern(regexp = "virtio|e1000|rtl8139", message = "must be virtio, e1000 or rtl8139")
            String model) {
    }

    @Inject
    VmAccess access;
    @Inject
    CurrentCaller caller;
    @Inject
    EventLog events;
    @Inject
    MacPool macs;

    @GET
    public List<NicView> list(@PathParam("vmId") UUID vmId) {
        access.require(caller.get(), vmId, Role.USER);
        return QuarkusTransaction.requiringNew().call(() -> VmNic.<VmNic>list("vmId", Sort.ascending("createdAt", "mac"), vmId)
                .stream().map(VmNicResource::view).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@PathParam("vmId") UUID vmId, @Valid @NotNull AddNic request) {
        access.require(caller.get(), vmId, Role.ADMIN);
        NicView nic = QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = downVm(vmId);
            Network network = Network.findById(request.networkId());
            if (network == null) {
                throw ApiException.invalid("network " + request.networkId() + " does not exist");
            }
            if (!network.vmNetwork) {
                throw ApiException.invalid("network " + network.name + " is not a VM network");
            }
            if (!network.clusterId.equals(vm.clusterId)) {
                throw ApiException.invalid("network " + network.name + " belongs to another cluster than VM " + vm.name);
            }
            VmNic n = new VmNic();
            n.id = UUID.randomUUID();
            n.vmId = vmId;
            n.networkId = network.id;
            n.model = request.model() == null ? "virtio" : request.model();
            n.mac = macs.allocate();   // reserved until this transaction ends
            n.createdAt = OffsetDateTime.now();
            n.persist();
            events.info(caller.name(), "vm.nic-add", "vm", vm.id, vm.name,
                    "NIC " + n.mac + " (" + n.model + ") on network " + network.name);
            return view(n);
        });
        return Response.created(URI.create("/api/v1/vms/" + vmId + "/nics/" + nic.id())).entity(nic).build();
    }

    @DELETE
    @Path("{nicId}")
    public Response remove(@PathParam("vmId") UUID vmId, @PathParam("nicId") UUID nicId) {
        access.require(caller.get(), vmId, Role.ADMIN);
        QuarkusTransaction.requiringNew().run(() -> {
            Vm vm = downVm(vmId);
            VmNic n = VmNic.findById(nicId);
            if (n == null || !vmId.equals(n.vmId)) {
                throw ApiException.notFound("NIC of VM " + vm.name, nicId);
            }
            n.delete();
            events.info(caller.name(), "vm.nic-remove", "vm", vm.id, vm.name, "NIC " + n.mac + " removed");
        });
        return Response.noContent().build();
    }

    private static Vm downVm(UUID vmId) {
        Vm vm = Vm.findById(vmId, LockModeType.PESSIMISTIC_WRITE);
        if (vm == null) {
            throw ApiException.notFound("VM", vmId);
        }
        if (vm.status != VmStatus.DOWN) {
            throw ApiException.conflict("VM " + vm.name + " is " + vm.status
                    + "; NICs are added and removed while it is down for now (hot-plug comes later)");
        }
        return vm;
    }

    static NicView view(VmNic n) {
        Network network = Network.findById(n.networkId);
        return new NicView(n.id, n.vmId, n.networkId, network == null ? null : network.name, n.mac, n.model, n.createdAt);
    }
}
