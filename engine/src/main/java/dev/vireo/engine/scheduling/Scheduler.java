package dev.vireo.engine.scheduling;

import dev.vireo.engine.scheduling.filters.CpuModelFilter;
import dev.vireo.engine.scheduling.filters.CpuOvercommitFilter;
import dev.vireo.engine.scheduling.filters.HostAffinityFilter;
import dev.vireo.engine.scheduling.filters.HostFilter;
import dev.vireo.engine.scheduling.filters.HostUpFilter;
import dev.vireo.engine.scheduling.filters.MaxVmsFilter;
import dev.vireo.engine.scheduling.filters.MemoryFilter;
import dev.vireo.engine.scheduling.filters.NetworkFilter;
import dev.vireo.engine.scheduling.filters.VmAffinityFilter;
import dev.vireo.engine.scheduling.weights.EvenCpuWeight;
import dev.vireo.engine.scheduling.weights.EvenMemoryWeight;
import dev.vireo.engine.scheduling.weights.EvenVmCountWeight;
import dev.vireo.engine.scheduling.weights.HostWeight;
import dev.vireo.engine.scheduling.weights.PowerSavingWeight;
import dev.vireo.engine.scheduling.weights.SoftAffinityWeight;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Placement as a pure function: {@code (cluster snapshot, request) → ranking}. Every filter runs on every
 * host (so the explanation names the first unit that refused each host), then the cluster policy's
 * weighted sum of the weight units ranks the rest. Ties go to the host name, so a decision is repeatable.
 */
public final class Scheduler {

    public static final List<HostFilter> FILTERS = List.of(new HostUpFilter(), new MemoryFilter(),
            new CpuOvercommitFilter(), new MaxVmsFilter(), new CpuModelFilter(), new HostAffinityFilter(),
            new VmAffinityFilter(), new NetworkFilter());

    public static final Map<String, HostWeight> WEIGHTS = List.<HostWeight>of(new EvenMemoryWeight(),
                    new EvenCpuWeight(), new PowerSavingWeight(), new EvenVmCountWeight(), new SoftAffinityWeight())
            .stream().collect(Collectors.toMap(HostWeight::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));

    /** The weight units in a fixed order, so a decision looks their factors up once, not once per host. */
    private static final List<HostWeight> WEIGHT_LIST = List.copyOf(WEIGHTS.values());

    public static Set<String> weightNames() {
        return WEIGHTS.keySet();
    }

    private Scheduler() {
    }

    public static Ranking rank(ClusterSnapshot cluster, PlacementRequest request) {
        List<Ranking.Rejection> rejected = new ArrayList<>();
        List<Ranking.Scored> scored = new ArrayList<>();
        double[] factors = factors(cluster.policy());
        for (HostCandidate host : cluster.hosts()) {
            Ranking.Rejection rejection = firstRejection(host, request, cluster);
            if (rejection != null) {
                rejected.add(rejection);
            } else {
                scored.add(weigh(host, request, cluster, factors));
            }
        }
        scored.sort(Comparator.comparingDouble(Ranking.Scored::total).reversed()
                .thenComparing(Ranking.Scored::hostName));
        return new Ranking(scored, rejected);
    }

    /**
     * The host {@link #rank} would put first, without building the explanation: what committing
     * placements at thousands per second uses. Same filters, same arithmetic, same tie-break.
     */
    public static Optional<HostCandidate> best(ClusterSnapshot cluster, PlacementRequest request) {
        Best best = new Best(factors(cluster.policy()));
        HostFilter[] filters = activeFilters(request, cluster);
        for (HostCandidate host : cluster.hosts()) {
            if (passes(host, request, cluster, filters)) {
                best.offer(host, request, cluster);
            }
        }
        return Optional.ofNullable(best.host);
    }

    /** The best of a sample, and where the next decision's scan should start. */
    public record Sampled(Optional<HostCandidate> best, int next) {
    }

    /**
     * Like {@link #best}, but stops once {@code feasibleToFind} hosts passed every filter (see
     * {@link HostSampling}). Scans from host {@code start} round the list. Hosts the VM's positive affinity
     * groups point at (where its group's VMs run, the group's hosts) are always looked at first, so a sample
     * never misses the host an affinity rule prefers.
     */
    public static Sampled bestOfSample(ClusterSnapshot cluster, PlacementRequest request, int start, int feasibleToFind) {
        List<HostCandidate> hosts = cluster.hosts();
        int n = hosts.size();
        if (n == 0) {
            return new Sampled(Optional.empty(), 0);
        }
        Set<UUID> preferred = preferredHosts(cluster, request);
        Best best = new Best(factors(cluster.policy()));
        HostFilter[] filters = activeFilters(request, cluster);
        int feasible = 0;
        if (!preferred.isEmpty()) {
            for (HostCandidate host : hosts) {
                if (preferred.contains(host.id()) && passes(host, request, cluster, filters)) {
                    feasible++;
                    best.offer(host, request, cluster);
                }
            }
        }
        int i = Math.floorMod(start, n);
        int scanned = 0;
        while (scanned < n && feasible < feasibleToFind) {
            HostCandidate host = hosts.get(i);
            i = i + 1 == n ? 0 : i + 1;
            scanned++;
            if (!preferred.isEmpty() && preferred.contains(host.id())) {
                continue;
            }
            if (passes(host, request, cluster, filters)) {
                feasible++;
                best.offer(host, request, cluster);
            }
        }
        return new Sampled(Optional.ofNullable(best.host), i);
    }

    /** Hosts a positive affinity group of the VM points at: its group's placed VMs' hosts, and the group's hosts. */
    private static Set<UUID> preferredHosts(ClusterSnapshot cluster, PlacementRequest request) {
        Set<UUID> preferred = null;
        for (AffinityGroup g : cluster.affinityGroups()) {
            if (!g.contains(request.vmId())) {
                continue;
            }
            if (preferred == null) {
                preferred = new HashSet<>();
            }
            if (g.vmPolarity() == AffinityGroup.Polarity.POSITIVE) {
                for (UUID other : g.vmIds()) {
                    UUID where = other.equals(request.vmId()) ? null : cluster.vmHosts().get(other);
                    if (where != null) {
                        preferred.add(where);
                    }
                }
            }
            if (g.hostPolarity() == AffinityGroup.Polarity.POSITIVE) {
                preferred.addAll(g.hostIds());
            }
        }
        return preferred == null ? Set.of() : preferred;
    }

    /** The best host offered so far: the highest total, ties to the host name (what {@link #rank} puts first). */
    private static final class Best {
        private final double[] factors;
        private HostCandidate host;
        private double total;

        Best(double[] factors) {
            this.factors = factors;
        }

        void offer(HostCandidate candidate, PlacementRequest request, ClusterSnapshot cluster) {
            double t = total(candidate, request, cluster, factors);
            if (host == null || t > total || (t == total && candidate.name().compareTo(host.name()) < 0)) {
                host = candidate;
                total = t;
            }
        }
    }

    private static double[] factors(SchedulingPolicy policy) {
        double[] factors = new double[WEIGHT_LIST.size()];
        for (int w = 0; w < factors.length; w++) {
            factors[w] = policy.factor(WEIGHT_LIST.get(w).name());
        }
        return factors;
    }

    private static double total(HostCandidate host, PlacementRequest request, ClusterSnapshot cluster, double[] factors) {
        double total = 0;
        for (int w = 0; w < factors.length; w++) {
            if (factors[w] != 0) {
                total += factors[w] * WEIGHT_LIST.get(w).score(host, request, cluster);
            }
        }
        return total;
    }

    /** The filters that may refuse some host for this request; the others pass every host and are left out. */
    static HostFilter[] activeFilters(PlacementRequest request, ClusterSnapshot cluster) {
        return FILTERS.stream().filter(f -> f.mayReject(request, cluster)).toArray(HostFilter[]::new);
    }

    private static boolean passes(HostCandidate host, PlacementRequest request, ClusterSnapshot cluster,
                                  HostFilter[] filters) {
        for (HostFilter filter : filters) {
            if (filter.reject(host, request, cluster) != null) {
                return false;
            }
        }
        return true;
    }

    private static Ranking.Rejection firstRejection(HostCandidate host, PlacementRequest request, ClusterSnapshot cluster) {
        for (HostFilter filter : FILTERS) {
            String reason = filter.reject(host, request, cluster);
            if (reason != null) {
                return new Ranking.Rejection(host.id(), host.name(), filter.name(), reason);
            }
        }
        return null;
    }

    private static Ranking.Scored weigh(HostCandidate host, PlacementRequest request, ClusterSnapshot cluster,
                                        double[] factors) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (HostWeight weight : WEIGHTS.values()) {
            if (cluster.policy().factor(weight.name()) != 0) {
                scores.put(weight.name(), Math.round(weight.score(host, request, cluster) * 10) / 10.0);
            }
        }
        return new Ranking.Scored(host.id(), host.name(), total(host, request, cluster, factors), scores);
    }
}
