package dev.vireo.engine.hostnetwork;

import dev.vireo.engine.agents.AgentCommands;
import dev.vireo.engine.api.Actors;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.hosts.Host;
import dev.vireo.engine.jobs.Job;
import dev.vireo.engine.jobs.Jobs;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.Json;
import dev.vireo.protocol.NetworkSetupSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a host network setup as a job: SETUP_NETWORKS to the agent; when the agent says "applied", the engine
 * answers with CONFIRM_NETWORKS over the same link (that round trip is the connectivity check); the reply ends
 * the job. A host that rolls back reports it (a NETWORK_ROLLBACK frame, also after reconnecting): an event and
 * the job fails with the agent's reason.
 */
@ApplicationScoped
public class NetworkSetups {
    static final String ACTION = "host.network-setup";
    private static final Logger LOG = Logger.getLogger(NetworkSetups.class);

    @Inject
    AgentCommands commands;
    @Inject
    Jobs jobs;
    @Inject
    EventLog events;
    @ConfigProperty(name = "vireo.network.confirm-timeout", defaultValue = "120s")
    Duration confirmTimeout;

    int confirmSeconds() {
        return (int) Math.max(1, confirmTimeout.toSeconds());
    }

    /** Sends the setup; the job (already committed) follows it to the end. */
    void run(Job job, UUID hostId, String hostName, NetworkSetupSpec spec, NetworkSetupRequest stored) {
        NetworkSetupSpec withId = new NetworkSetupSpec(job.id.toString(), spec.switchType(), spec.bonds(),
                spec.attachments(), spec.confirmSeconds());
        Duration timeout = Duration.ofSeconds(spec.confirmSeconds() + 120L);
        CompletableFuture<AgentMessage.Reply> reply;
        try {
            reply = commands.network(hostId, CommandAction.SETUP_NETWORKS, job.id, withId,
                    progress -> applied(job.id, hostId), timeout);
        } catch (RuntimeException e) {
            jobs.fail(job.id, "the setup could not be sent: " + AgentCommands.describe(e));
            return;
        }
        reply.whenComplete((r, error) -> {
            if (error != null) {
                lostAgent(job.id, hostName, spec.confirmSeconds(), AgentCommands.describe(error));
            } else if (r.ok()) {
                confirmed(job.id, hostId, hostName, stored, r);
            } else if ("rolled-back".equals(r.errorKind())) {
                jobs.fail(job.id, "rolled back: " + r.error());
            } else {
                jobs.fail(job.id, "host " + hostName + " refused the setup (" + r.errorKind() + "): " + r.error());
            }
        });
    }

    /** The agent applied the setup and is waiting: hearing it is the check, the confirmation goes back at once. */
    private void applied(UUID jobId, UUID hostId) {
        jobs.progress(jobId, 60, "applied on the host; confirming connectivity");
        try {
            commands.network(hostId, CommandAction.CONFIRM_NETWORKS, jobId, null, p -> { }, Duration.ofSeconds(30))
                    .whenComplete((r, e) -> {
                        if (e != null || !r.ok()) {
                            LOG.warnf("confirming network setup %s failed: %s", jobId,
                                    e != null ? AgentCommands.describe(e) : r.error());
                        }
                    });
        } catch (RuntimeException e) {
            LOG.warnf("confirming network setup %s failed: %s", jobId, e.getMessage());
        }
    }

    private void confirmed(UUID jobId, UUID hostId, String hostName, NetworkSetupRequest stored, AgentMessage.Reply r) {
        QuarkusTransaction.requiringNew().run(() -> {
            Host host = Host.findById(hostId);
            if (host != null) {
                host.networkSetup = Json.writeValue(stored);
            }
        });
        String figures = r.figures() == null ? "" : " (" + r.figures().getOrDefault("commands", 0L) + " commands, confirmed after "
                + r.figures().getOrDefault("confirm_ms", 0L) + " ms)";
        events.info(Actors.agent(hostName), "host.network-setup", "host", hostId, hostName,
                "network setup applied and confirmed" + figures);
        jobs.succeed(jobId, "applied and confirmed" + figures);
    }

    /**
     * The link broke while the change was being applied: the agent rolls back by itself unless it hears the engine.
     * Its rollback report usually ends the job first; otherwise the job fails after the agent's deadline.
     */
    private void lostAgent(UUID jobId, String hostName, int confirmSeconds, String why) {
        jobs.progress(jobId, 70, "lost the host's agent (" + why + "); it rolls back unless it heard the engine");
        CompletableFuture.delayedExecutor(confirmSeconds + 30L, TimeUnit.SECONDS).execute(() ->
                jobs.fail(jobId, "the host's agent was cut off during the network change (" + why + ") and did not "
                        + "report back; host " + hostName + " restores its previous setup " + confirmSeconds
                        + " s after applying when it cannot reach the engine"));
    }

    /** The agent's report that a setup was rolled back (sent when it is connected again). */
    public void rolledBack(UUID hostId, String setupId, String reason) {
        UUID jobId;
        try {
            jobId = UUID.fromString(setupId);
        } catch (RuntimeException e) {
            return;
        }
        String hostName = QuarkusTransaction.requiringNew().call(() -> {
            Host host = Host.findById(hostId);
            Job job = Job.findById(jobId);
            return host == null || job == null || !hostId.equals(job.hostId) ? null : host.name;
        });
        if (hostName == null) {
            return;
        }
        String text = reason == null ? "rolled back" : reason.length() > 500 ? reason.substring(0, 500) : reason;
        events.warn(Actors.agent(hostName), "host.network-rollback", "host", hostId, hostName,
                "network setup rolled back: " + text);
        jobs.fail(jobId, "rolled back: " + text);
    }
}
