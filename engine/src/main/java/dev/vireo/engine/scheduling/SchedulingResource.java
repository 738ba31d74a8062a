package dev.vireo.engine.scheduling;

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

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A cluster's scheduling policy: which weight units count, how much, and the filters' limits. */
@RolesAllowed(CurrentCaller.ADMIN_ROLE)
@Path("/api/v1/clusters/{id}/scheduling")
@Produces(MediaType.APPLICATION_JSON)
public class SchedulingResource {

    @Inject
    CurrentCaller caller;

    public record PolicyView(SchedulingPolicy.Name policy, Map<String, Double> weightFactors, double vcpuOvercommit,
                             int maxVmsPerHost, int highUtilization, int lowUtilization,
                             List<SchedulingPolicy.Name> availablePolicies, Set<String> availableWeights,
                             List<String> filters) {
        static PolicyView of(Cluster c) {
            return new PolicyView(c.schedulingPolicy, new java.util.TreeMap<>(c.weightFactors), c.vcpuOvercommit,
                    c.maxVmsPerHost, c.highUtilization, c.lowUtilization,
                    Arrays.asList(SchedulingPolicy.Name.values()), Scheduler.weightNames(),
                    Scheduler.FILTERS.stream().map(f -> f.name()).toList());
        }
    }

    /** Every field optional: a new {@code policy} resets the weights to its preset unless weightFactors are given too. */
    public record PolicyUpdate(SchedulingPolicy.Name policy, Map<String, Double> weightFactors, Double vcpuOvercommit,
                               Integer maxVmsPerHost, Integer highUtilization, Integer lowUtilization) {
    }

    @Inject
    EventLog events;

    @GET
    public PolicyView get(@PathParam("id") UUID id) {
        return PolicyView.of(cluster(id, false));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public PolicyView update(@PathParam("id") UUID id, @NotNull PolicyUpdate update) {
        Cluster c = cluster(id, true);
        Map<String, Double> factors = update.weightFactors() != null ? update.weightFactors()
                : update.policy() != null ? SchedulingPolicy.presetWeights(update.policy())
                // a copy: the entity's own map is cleared below before the factors are put back
                : new HashMap<>(c.weightFactors);
        for (var e : factors.entrySet()) {
            if (!Scheduler.WEIGHTS.containsKey(e.getKey())) {
                throw ApiException.invalid("unknown weight unit '" + e.getKey() + "'; known: " + Scheduler.weightNames());
            }
            if (e.getValue() == null || e.getValue() < 0 || e.getValue() > 100 || e.getValue().isNaN()) {
                throw ApiException.invalid("weight factor of " + e.getKey() + " must be between 0 and 100");
            }
        }
        double overcommit = update.vcpuOvercommit() != null ? update.vcpuOvercommit() : c.vcpuOvercommit;
        if (!(overcommit >= 0.1 && overcommit <= 64)) {
            throw ApiException.invalid("vcpuOvercommit must be between 0.1 and 64");
        }
        int maxVms = update.maxVmsPerHost() != null ? update.maxVmsPerHost() : c.maxVmsPerHost;
        if (maxVms < 0 || maxVms > 100_000) {
            throw ApiException.invalid("maxVmsPerHost must be between 0 (no limit) and 100000");
        }
        int high = update.highUtilization() != null ? update.highUtilization() : c.highUtilization;
        int low = update.lowUtilization() != null ? update.lowUtilization() : c.lowUtilization;
        if (low < 0 || high > 100 || low >= high) {
            throw ApiException.invalid("utilization thresholds need 0 <= lowUtilization < highUtilization <= 100");
        }
        if (update.policy() != null) {
            c.schedulingPolicy = update.policy();
        }
        c.weightFactors.clear();
        c.weightFactors.putAll(new HashMap<>(factors));
        c.vcpuOvercommit = overcommit;
        c.maxVmsPerHost = maxVms;
        c.highUtilization = high;
        c.lowUtilization = low;
        events.info(caller.name(), "cluster.scheduling", "cluster", c.id, c.name, "scheduling policy set to "
                + c.schedulingPolicy + " " + new java.util.TreeMap<>(c.weightFactors) + ", vCPU overcommit "
                + overcommit + ", max VMs per host " + maxVms + ", utilization " + low + "-" + high + "%");
        return PolicyView.of(c);
    }

    private static Cluster cluster(UUID id, boolean lock) {
        Cluster c = lock ? Cluster.findById(id, LockModeType.PESSIMISTIC_WRITE) : Cluster.findById(id);
        if (c == null) {
            throw ApiException.notFound("cluster", id);
        }
        return c;
    }
}
