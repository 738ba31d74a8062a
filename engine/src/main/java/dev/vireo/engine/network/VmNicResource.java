package dev.vireo.engine.network;

import dev.vireo.engine.access.CurrentCaller;
import dev.vireo.engine.access.Role;
import dev.vireo.engine.access.VmAccess;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
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
 * remove them — while it is down, or hot-plugged and unplugged while it runs or is paused (see {@link VmNics}).
 * Each NIC gets its MAC from the {@link MacPool}.
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
    VmNics nics;

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
        NicView nic = nics.add(vmId, request, caller.name());
        return Response.created(URI.create("/api/v1/vms/" + vmId + "/nics/" + nic.id())).entity(nic).build();
    }

    @DELETE
    @Path("{nicId}")
    public Response remove(@PathParam("vmId") UUID vmId, @PathParam("nicId") UUID nicId) {
        access.require(caller.get(), vmId, Role.ADMIN);
        nics.remove(vmId, nicId, caller.name());
        return Response.noContent().build();
    }

    static NicView view(VmNic n) {
        Network network = Network.findById(n.networkId);
        return new NicView(n.id, n.vmId, n.networkId, network == null ? null : network.name, n.mac, n.model, n.createdAt);
    }
}
