package dev.vireo.engine.scheduling.filters;

import dev.vireo.engine.hosts.HostStatus;
import dev.vireo.engine.scheduling.AffinityGroup;
import dev.vireo.engine.scheduling.AffinityGroup.Polarity;
import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;
import dev.vireo.engine.scheduling.Scheduler;
import dev.vireo.engine.scheduling.SchedulingPolicy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static dev.vireo.engine.scheduling.Fixtures.cluster;
import static dev.vireo.engine.scheduling.Fixtures.group;
import static dev.vireo.engine.scheduling.Fixtures.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A decision leaves out the filters whose {@link HostFilter#mayReject} says they pass every host: that must
 * never change a decision. Checked on many random clusters and requests (fixed seed), and each filter must
 * actually be left out in the plain case, or the skip would save nothing.
 */
class FilterSkipTest {
    private static final String[] MODELS = {"Skylake", "EPYC", null};
    private static final String[] BRIDGES = {"vireobr0", "storage0", "mgmt0"};

    @Test
    void aSkippedFilterPassesEveryHost() {
        Random random = new Random(42);
        int skipped = 0;
        for (int round = 0; round < 2_000; round++) {
            List<HostCandidate> hosts = new ArrayList<>();
            for (int h = 0; h < 6; h++) {
                String name = "h" + round + "-" + h;
                hosts.add(new HostCandidate(id(name), name, random.nextInt(5) == 0 ? HostStatus.MAINTENANCE : HostStatus.UP,
                        random.nextInt(6) != 0, 16384, random.nextInt(16384), 8, random.nextInt(40), random.nextInt(12),
                        MODELS[random.nextInt(2)], random.nextBoolean() ? null : subset(random, BRIDGES)));
            }
            PlacementRequest request = new PlacementRequest(id("vm" + round), "vm" + round, 1 + random.nextInt(4096),
                    1 + random.nextInt(8), MODELS[random.nextInt(3)], Set.of()).withBridges(subset(random, BRIDGES));
            ClusterSnapshot cluster = cluster(policy(random), hosts, groups(random, request, hosts), placements(random, request, hosts));
            for (HostFilter filter : Scheduler.FILTERS) {
                if (!filter.mayReject(request, cluster)) {
                    skipped++;
                    for (HostCandidate host : hosts) {
                        assertNull(filter.reject(host, request, cluster), filter.name() + " was skipped but refuses " + host.name());
                    }
                }
            }
        }
        assertTrue(skipped > 2_000, "the random cases skipped filters only " + skipped + " times");
    }

    @Test
    void thePlainCaseRunsOnlyWhatCanRefuse() {
        ClusterSnapshot plain = cluster(new HostCandidate(id("a"), "a", HostStatus.UP, true, 8192, 0, 8, 0, 0, "Skylake"));
        PlacementRequest request = PlacementRequest.of(id("v"), "v", 512, 1);
        List<String> running = Scheduler.FILTERS.stream().filter(f -> f.mayReject(request, plain)).map(HostFilter::name).toList();
        assertEquals(List.of("host_up", "memory", "cpu_overcommit"), running);
        assertFalse(new NetworkFilter().mayReject(request, plain));
        assertTrue(new NetworkFilter().mayReject(request.withBridges(Set.of("vireobr0")), plain));
    }

    private static SchedulingPolicy policy(Random random) {
        SchedulingPolicy defaults = SchedulingPolicy.defaults();
        return new SchedulingPolicy(defaults.name(), defaults.weightFactors(), 1 + random.nextInt(4),
                random.nextBoolean() ? 0 : random.nextInt(12), 80, 20);
    }

    private static List<AffinityGroup> groups(Random random, PlacementRequest request, List<HostCandidate> hosts) {
        List<AffinityGroup> groups = new ArrayList<>();
        for (int g = random.nextInt(3); g > 0; g--) {
            Set<UUID> vms = new HashSet<>(Set.of(id("other" + g)));
            if (random.nextBoolean()) {
                vms.add(request.vmId());
            }
            Set<UUID> hostIds = new HashSet<>();
            hosts.stream().filter(h -> random.nextBoolean()).forEach(h -> hostIds.add(h.id()));
            Polarity[] polarities = Polarity.values();
            groups.add(group("g" + g + request.vmName(), polarities[random.nextInt(polarities.length)],
                    polarities[random.nextInt(polarities.length)], random.nextBoolean(), vms, hostIds));
        }
        return groups;
    }

    private static Map<UUID, UUID> placements(Random random, PlacementRequest request, List<HostCandidate> hosts) {
        Map<UUID, UUID> where = new HashMap<>();
        for (int g = 1; g <= 2; g++) {
            if (random.nextBoolean()) {
                where.put(id("other" + g), hosts.get(random.nextInt(hosts.size())).id());
            }
        }
        return where;
    }

    private static Set<String> subset(Random random, String[] of) {
        Set<String> picked = new HashSet<>();
        for (String s : of) {
            if (random.nextInt(3) == 0) {
                picked.add(s);
            }
        }
        return picked;
    }
}
