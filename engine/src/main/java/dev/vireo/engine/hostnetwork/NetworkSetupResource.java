package dev.vireo.engine.hostnetwork;

import dev.vireo.engine.access.CurrentCaller;
import dev.vireo.engine.agents.AgentSessions;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.clusters.Cluster;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.hosts.Host;
import dev.vireo.engine.jobs.Job;
import dev.vireo.engine.jobs.JobStatus;
import dev.vireo.engine.jobs.JobView;
import dev.vireo.engine.jobs.Jobs;
import dev.vireo.engine.network.Network;
import dev.vireo.protocol.HostNic;
import dev.vireo.protocol.Json;
import dev.vireo.protocol.NetworkSetupSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code /hosts/{id}/networksetup}: GET the host's confirmed setup; POST a whole new one (bonds, networks on NICs
 * or bonds), validated here before anything is sent, then applied by the agent as a job with a connectivity
 * check (202 + the job).
 */
@RolesAllowed(CurrentCaller.ADMIN_ROLE)
@Path("/api/v1/hosts/{id}/networksetup")
@Produces(MediaType.APPLICATION_JSON)
public class NetworkSetupResource {

    @Inject
    CurrentCaller caller;
    @Inject
    AgentSessions sessions;
    @Inject
    Jobs jobs;
    @Inject
    EventLog events;
    @Inject
    NetworkSetups setups;

    @GET
    public NetworkSetupView get(@PathParam("id") UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Host host = HostNicResource.find(id);
            String switchType = Cluster.<Cluster>findByIdOptional(host.clusterId).map(c -> c.switchType).orElse("legacy");
            NetworkSetupRequest setup = host.networkSetup == null ? new NetworkSetupRequest(null, null)
                    : Json.readValue(host.networkSetup, NetworkSetupRequest.class);
            return new NetworkSetupView(switchType, setup.bonds(), setup.networks());
        });
    }

    private record Prepared(Job job, String hostName, NetworkSetupSpec spec) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response apply(@PathParam("id") UUID id, NetworkSetupRequest request) {
        Prepared p = QuarkusTransaction.requiringNew().call(() -> {
            Host host = Host.findById(id, LockModeType.PESSIMISTIC_WRITE);
            if (host == null) {
                throw ApiException.notFound("host", id);
            }
            if (host.nics == null) {
                throw ApiException.conflict("host " + host.name + " has not reported its NICs yet");
            }
            Cluster cluster = Cluster.findById(host.clusterId);
            Map<UUID, Network> networks = Network.<Network>list("clusterId", host.clusterId).stream()
                    .collect(Collectors.toMap(n -> n.id, Function.identity()));
            List<HostNic> nics = Json.readList(host.nics, HostNic.class);
            NetworkSetupSpec spec = SetupValidator.validate(host.name, cluster.switchType, request, nics, networks,
                    setups.confirmSeconds());
            if (!sessions.isConnected(id)) {
                throw ApiException.conflict("host " + host.name + "'s agent is not connected; nothing was applied");
            }
            if (Job.count("hostId = ?1 and action = ?2 and status = ?3", id, NetworkSetups.ACTION, JobStatus.RUNNING) > 0) {
                throw ApiException.conflict("a network setup of host " + host.name + " is still running");
            }
            Job job = jobs.begin(NetworkSetups.ACTION, caller.name(), null, id, "sending the setup to the host");
            events.info(caller.name(), "host.network-setup", "host", host.id, host.name, "network setup requested: "
                    + spec.bonds().size() + " bond(s), " + spec.attachments().size() + " network(s), switch " + spec.switchType());
            return new Prepared(job, host.name, spec);
        });
        setups.run(p.job(), id, p.hostName(), p.spec(), request);
        return Response.accepted(JobView.of(p.job())).location(URI.create("/api/v1/jobs/" + p.job().id)).build();
    }
}
