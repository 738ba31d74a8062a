package dev.vireo.engine.network;

import dev.vireo.engine.access.CurrentCaller;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.api.ObjectName;
import dev.vireo.engine.clusters.Cluster;
import dev.vireo.engine.events.EventLog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Logical networks: everyone may read them (to pick one for a NIC); administrators define, change and
 * delete them. A network is carried on each host by the bridge it names; changes reach running VMs at
 * their next start.
 */
@Path("/api/v1/networks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class NetworkResource {
    /** a Linux or OVS interface name: IFNAMSIZ is 16 with the terminating NUL */
    static final String BRIDGE_PATTERN = "[A-Za-z0-9_.-]{1,15}";

    public record NetworkView(UUID id, String name, UUID clusterId, Integer vlanId, int mtu, boolean vmNetwork,
                              boolean required, String bridge, long nics) {
    }

    /** Create and replace (PUT) alike; absent optional fields take their defaults. */
    public record NetworkRequest(
            @ObjectName
            String name,
            UUID clusterId,
            @Min(value = 1, message = "must be 1..4094 (or absent: untagged)") @Max(value = 4094, message = "must be 1..4094 (or absent: untagged)")
            Integer vlanId,
            @Min(value = 68, message = "must be 68..9000") @Max(value = 9000, message = "must be 68..9000")
            Integer mtu,
            Boolean vmNetwork,
            Boolean required,
            @NotNull @Pattern(regexp = BRIDGE_PATTERN, message = "must be a bridge name: 1 to 15 letters, digits, '_', '.' and '-'")
            String bridge) {
    }

    @Inject
    CurrentCaller caller;
    @Inject
    EventLog events;

    @GET
    public List<NetworkView> list() {
        caller.get();
        return QuarkusTransaction.requiringNew().call(() -> Network.<Network>findAll(Sort.ascending("name")).list()
                .stream().map(NetworkResource::view).toList());
    }

    @GET
    @Path("{id}")
    public NetworkView get(@PathParam("id") UUID id) {
        caller.get();
        return QuarkusTransaction.requiringNew().call(() -> view(find(id, LockModeType.NONE)));
    }

    @POST
    @RolesAllowed(CurrentCaller.ADMIN_ROLE)
    public Response create(@Valid @NotNull NetworkRequest request) {
        NetworkView created = store(() -> {
            Network n = new Network();
            n.id = UUID.randomUUID();
            apply(n, request);
            n.persistAndFlush();
            events.info(caller.name(), "network.create", "network", n.id, n.name, describe(n));
            return view(n);
        }, request);
        return Response.created(URI.create("/api/v1/networks/" + created.id())).entity(created).build();
    }

    /** Replaces a network's settings. Its cluster cannot change while NICs use it. */
    @PUT
    @Path("{id}")
    @RolesAllowed(CurrentCaller.ADMIN_ROLE)
    public NetworkView update(@PathParam("id") UUID id, @Valid @NotNull NetworkRequest request) {
        return store(() -> {
            Network n = find(id, LockModeType.PESSIMISTIC_WRITE);
            UUID cluster = request.clusterId() == null ? n.clusterId : request.clusterId();
            long nics = VmNic.count("networkId", id);
            if (!cluster.equals(n.clusterId) && nics > 0) {
                throw ApiException.conflict("network " + n.name + " has " + nics + " VM NIC(s); it cannot move to another cluster");
            }
            if (Boolean.FALSE.equals(request.vmNetwork()) && nics > 0) {
                throw ApiException.conflict("network " + n.name + " has " + nics + " VM NIC(s); it stays a VM network");
            }
            apply(n, new NetworkRequest(request.name(), cluster, request.vlanId(), request.mtu(), request.vmNetwork(),
                    request.required(), request.bridge()));
            n.flush();
            events.info(caller.name(), "network.update", "network", n.id, n.name, describe(n));
            return view(n);
        }, request);
    }

    /** Refused while VM NICs use the network. */
    @DELETE
    @Path("{id}")
    @RolesAllowed(CurrentCaller.ADMIN_ROLE)
    public Response delete(@PathParam("id") UUID id) {
        QuarkusTransaction.requiringNew().run(() -> {
            Network n = find(id, LockModeType.PESSIMISTIC_WRITE);
            long nics = VmNic.count("networkId", id);
            if (nics > 0) {
                throw ApiException.conflict("network " + n.name + " is used by " + nics + " VM NIC(s); remove them first");
            }
            n.delete();
            events.info(caller.name(), "network.delete", "network", id, n.name, "network deleted");
        });
        return Response.noContent().build();
    }

    private static NetworkView store(java.util.concurrent.Callable<NetworkView> work, NetworkRequest request) {
        try {
            return QuarkusTransaction.requiringNew().call(work);
        } catch (PersistenceException e) {
            throw ApiException.conflict("a network named '" + request.name() + "' already exists");
        }
    }

    private static void apply(Network n, NetworkRequest request) {
        UUID cluster = request.clusterId() == null ? Cluster.DEFAULT_ID : request.clusterId();
        if (Cluster.findById(cluster) == null) {
            throw ApiException.invalid("cluster " + cluster + " does not exist");
        }
        n.name = request.name();
        n.clusterId = cluster;
        n.vlanId = request.vlanId();
        n.mtu = request.mtu() == null ? 1500 : request.mtu();
        n.vmNetwork = request.vmNetwork() == null || request.vmNetwork();
        n.required = request.required() != null && request.required();
        n.bridge = request.bridge();
    }

    private static String describe(Network n) {
        return "network on bridge " + n.bridge + (n.vlanId == null ? "" : ", VLAN " + n.vlanId) + ", MTU " + n.mtu
                + (n.vmNetwork ? "" : ", not for VMs") + (n.required ? ", required" : "");
    }

    static Network find(UUID id, LockModeType lock) {
        Network n = Network.findById(id, lock);
        if (n == null) {
            throw ApiException.notFound("network", id);
        }
        return n;
    }

    static NetworkView view(Network n) {
        return new NetworkView(n.id, n.name, n.clusterId, n.vlanId, n.mtu, n.vmNetwork, n.required, n.bridge,
                VmNic.count("networkId", n.id));
    }
}
