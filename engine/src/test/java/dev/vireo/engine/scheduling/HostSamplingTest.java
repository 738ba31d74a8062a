package dev.vireo.engine.scheduling;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.vireo.engine.scheduling.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class HostSamplingTest {

    @Test
    void smallClustersAreScoredWholeLargeOnesByKubernetesRule() {
        assertEquals(100, HostSampling.feasibleToFind(100, 0));
        assertEquals(420, HostSampling.feasibleToFind(1000, 0));    // 50 % - 8
        assertEquals(500, HostSampling.feasibleToFind(5000, 0));    // 50 % - 40 = 10 %
        assertEquals(1000, HostSampling.feasibleToFind(20000, 0));  // at least 5 %
        assertEquals(5000, HostSampling.feasibleToFind(5000, 100));
        assertEquals(100, HostSampling.feasibleToFind(5000, 1));    // never fewer than 100
    }

    private static List<HostCandidate> hosts(int n, long committedEach) {
        List<HostCandidate> hosts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            hosts.add(host(String.format("h%04d", i), 4096, committedEach));
        }
        return hosts;
    }

    @Test
    void aSampledDecisionScoresOnlyTheShareAndTheNextGoesOnFromThere() {
        List<HostCandidate> hosts = hosts(1000, 0);
        var snapshot = cluster(SchedulingPolicy.defaults(), hosts, List.of(), Map.of());
        var sampled = Scheduler.bestOfSample(snapshot, vm("v", 512, 1), 990, 420);
        // 10 hosts to the end of the list, then 410 from the start: it stopped at host 410
        assertEquals(410, sampled.next());
        // all hosts are alike: the tie goes to the smallest name among those scored, h0000
        assertEquals(id("h0000"), sampled.best().orElseThrow().id());
        var next = Scheduler.bestOfSample(snapshot, vm("w", 512, 1), sampled.next(), 420);
        assertEquals(id("h0410"), next.best().orElseThrow().id());
    }

    @Test
    void aRefusalHasLookedAtEveryHost() {
        List<HostCandidate> hosts = hosts(1000, 4000);   // 96 MiB free each
        hosts.set(777, host("h0777", 4096, 0));
        var snapshot = cluster(SchedulingPolicy.defaults(), hosts, List.of(), Map.of());
        assertEquals(id("h0777"), Scheduler.bestOfSample(snapshot, vm("v", 512, 1), 0, 420).best().orElseThrow().id());
        assertTrue(Scheduler.bestOfSample(snapshot, vm("big", 8192, 1), 0, 420).best().isEmpty());
    }

    @Test
    void theHostAnAffinityGroupPrefersIsAlwaysLookedAt() {
        List<HostCandidate> hosts = hosts(1000, 1000);
        UUID peer = UUID.randomUUID();
        var request = vm("v", 512, 1);
        var together = group("together", AffinityGroup.Polarity.POSITIVE, AffinityGroup.Polarity.NONE, false,
                Set.of(peer, request.vmId()), Set.of());
        var snapshot = cluster(SchedulingPolicy.defaults(), hosts, List.of(together), Map.of(peer, id("h0500")));
        // the sample (hosts 0..99) does not reach h0500, but the soft affinity makes it the best
        var sampled = Scheduler.bestOfSample(snapshot, request, 0, 100);
        assertEquals(id("h0500"), sampled.best().orElseThrow().id());
    }

    @Test
    void aSessionOnALargeClusterSpreadsOverEveryHostInTurn() {
        List<HostCandidate> hosts = hosts(1000, 0);
        var session = new PlacementSession(cluster(SchedulingPolicy.defaults(), hosts, List.of(), Map.of()), 0);
        Set<UUID> used = new HashSet<>();
        for (int i = 0; i < 3000; i++) {
            var request = vm("v" + i, 256, 1);
            var host = session.choose(request).orElseThrow();
            session.book(request, host.id());
            used.add(host.id());
        }
        // evenly distributed: 3,000 VMs of 256 MiB over 1,000 hosts of 4 GiB land on every host
        assertEquals(1000, used.size());
        assertTrue(session.hosts().stream().allMatch(h -> h.vmCount() <= 4), "no host got far more than its share");
    }

    @Test
    void belowOneHundredHostsASessionDecidesAsTheFullRankingDoes() {
        List<HostCandidate> hosts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hosts.add(host(String.format("h%03d", i), 4096, (i * 37) % 3000));
        }
        var snapshot = cluster(SchedulingPolicy.defaults(), hosts, List.of(), Map.of());
        var session = new PlacementSession(snapshot, 0);
        assertEquals(Scheduler.rank(snapshot, vm("v", 512, 1)).best(), session.choose(vm("v", 512, 1)).map(HostCandidate::id));
    }
}
