package dev.vireo.engine.migration;

import dev.vireo.engine.access.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.clusters.Cluster;
import dev.vireo.engine.events.EventLog;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/** A cluster's live migration policy: downtime, bandwidth, parallelism, auto-converge, post-copy. */
@RolesAllowed(CurrentCaller.ADMIN_ROLE)
@Path("/api/v1/clusters/{id}/migration")
@Produces(MediaType.APPLICATION_JSON)
public class MigrationPolicyResource {

    @Inject
    CurrentCaller caller;

    /** @param maxDowntimeMs 0 = libvirt's default; bandwidthMiBps 0 = no cap */
    public record MigrationPolicy(Integer maxDowntimeMs, Integer bandwidthMiBps, Integer parallelPerHost,
                                  Boolean autoConverge, Boolean postCopy) {
        static MigrationPolicy of(Cluster c) {
            return new MigrationPolicy(c.migrationMaxDowntimeMs, c.migrationBandwidthMiBps, c.migrationParallelPerHost,
                    c.migrationAutoConverge, c.migrationPostCopy);
        }
    }

    @Inject
    EventLog events;

    @GET
    public MigrationPolicy get(@PathParam("id") UUID id) {
        return MigrationPolicy.of(cluster(id, false));
    }

    /** Fields left out keep their value. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public MigrationPolicy update(@PathParam("id") UUID id, @NotNull MigrationPolicy update) {
        Cluster c = cluster(id, true);
        int downtime = update.maxDowntimeMs() != null ? update.maxDowntimeMs() : c.migrationMaxDowntimeMs;
        int bandwidth = update.bandwidthMiBps() != null ? update.bandwidthMiBps() : c.migrationBandwidthMiBps;
        int parallel = update.parallelPerHost() != null ? update.parallelPerHost() : c.migrationParallelPerHost;
        if (downtime < 0 || downtime > 60_000) {
            throw ApiException.invalid("maxDowntimeMs must be between 0 (libvirt's default) and 60000");
        }
        if (bandwidth < 0 || bandwidth > 1_000_000) {
            throw ApiException.invalid("bandwidthMiBps must be between 0 (no cap) and 1000000");
        }
        if (parallel < 1 || parallel > 32) {
            throw ApiException.invalid("parallelPerHost must be between 1 and 32");
        }
        c.migrationMaxDowntimeMs = downtime;
        c.migrationBandwidthMiBps = bandwidth;
        c.migrationParallelPerHost = parallel;
        if (update.autoConverge() != null) {
            c.migrationAutoConverge = update.autoConverge();
        }
        if (update.postCopy() != null) {
            c.migrationPostCopy = update.postCopy();
        }
        MigrationPolicy now = MigrationPolicy.of(c);
        events.info(caller.name(), "cluster.migration-policy", "cluster", c.id, c.name, "migration policy set to " + now);
        return now;
    }

    private static Cluster cluster(UUID id, boolean lock) {
        Cluster c = lock ? Cluster.findById(id, LockModeType.PESSIMISTIC_WRITE) : Cluster.findById(id);
        if (c == null) {
            throw ApiException.notFound("cluster", id);
        }
        return c;
    }
}
