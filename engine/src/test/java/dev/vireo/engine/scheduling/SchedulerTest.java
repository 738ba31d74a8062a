package dev.vireo.engine.scheduling;

import dev.vireo.engine.hosts.HostStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.vireo.engine.scheduling.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class SchedulerTest {

    @Test
    void evenDistributionPicksTheEmptierHostAndExplainsTheScores() {
        var r = Scheduler.rank(cluster(host("a", 4096, 3000), host("b", 4096, 1000)), vm("v", 512, 1));
        assertEquals(id("b"), r.best().orElseThrow());
        assertEquals(List.of("b", "a"), r.ranked().stream().map(Ranking.Scored::hostName).toList());
        assertTrue(r.ranked().get(0).scores().containsKey("even_memory"), r.ranked().get(0).toString());
    }

    @Test
    void powerSavingPacksOntoTheFullerHostBelowTheHighThreshold() {
        var policy = SchedulingPolicy.preset(SchedulingPolicy.Name.POWER_SAVING);
        var snapshot = cluster(policy, List.of(host("a", 4096, 2000), host("b", 4096, 0), host("c", 4096, 3500)),
                List.of(), Map.of());
        // c would end at 98 % (over 80 %): it scores 0; a ends at 61 %, b at 12.5 %
        assertEquals(id("a"), Scheduler.rank(snapshot, vm("v", 512, 1)).best().orElseThrow());
    }

    @Test
    void vmEvenDistributionCountsVms() {
        var policy = SchedulingPolicy.preset(SchedulingPolicy.Name.VM_EVENLY_DISTRIBUTED);
        var snapshot = cluster(policy, List.of(busy("a", 8, 2, 5), busy("b", 8, 2, 1)), List.of(), Map.of());
        assertEquals(id("b"), Scheduler.rank(snapshot, vm("v", 512, 1)).best().orElseThrow());
    }

    @Test
    void everyRejectedHostIsNamedWithTheUnitThatRefusedIt() {
        var r = Scheduler.rank(cluster(host("a", HostStatus.MAINTENANCE, true), host("b", 1024, 900)), vm("v", 512, 1));
        assertTrue(r.best().isEmpty());
        assertEquals("a: host_up: is MAINTENANCE; b: memory: has 124 MiB free, needs 512", r.explain());
    }

    @Test
    void anEmptyClusterSaysSo() {
        assertEquals("the cluster has no hosts", Scheduler.rank(cluster(), vm("v", 64, 1)).explain());
    }

    @Test
    void tiesGoToTheHostName() {
        var r = Scheduler.rank(cluster(host("b", 4096, 0), host("a", 4096, 0)), vm("v", 512, 1));
        assertEquals(id("a"), r.best().orElseThrow());
    }

    @Test
    void bookingAPlacementChangesTheNextDecision() {
        var session = new PlacementSession(cluster(host("a", 4096, 0), host("b", 4096, 100)));
        var first = vm("v1", 2048, 1);
        UUID firstHost = session.choose(first).orElseThrow().id();
        assertEquals(id("a"), firstHost);
        session.book(first, firstHost);
        assertEquals(id("b"), session.choose(vm("v2", 2048, 1)).orElseThrow().id());
        assertEquals(2048, session.hosts().get(0).committedMiB());
    }

    @Test
    void bookingRecordsWhereTheVmRunsForAffinity() {
        var apart = group("apart", AffinityGroup.Polarity.NEGATIVE, AffinityGroup.Polarity.NONE, true,
                java.util.Set.of(id("v1"), id("v2")), java.util.Set.of());
        // no weights: without the booking, v2 would tie-break onto "a" as v1 did
        var session = new PlacementSession(cluster(SchedulingPolicy.preset(SchedulingPolicy.Name.NONE),
                List.of(host("a", 4096, 0), host("b", 4096, 0)), List.of(apart), Map.of()));
        var first = vm("v1", 512, 1);
        session.book(first, session.choose(first).orElseThrow().id());
        assertEquals(id("b"), session.choose(vm("v2", 512, 1)).orElseThrow().id());
    }

    @Test
    void aPolicyWithoutWeightsStillPlacesDeterministically() {
        var snapshot = cluster(SchedulingPolicy.preset(SchedulingPolicy.Name.NONE),
                List.of(host("b", 4096, 0), host("a", 4096, 0)), List.of(), Map.of());
        var r = Scheduler.rank(snapshot, vm("v", 512, 1));
        assertEquals(0.0, r.ranked().get(0).total());
        assertEquals(id("a"), r.best().orElseThrow());
    }

    @Test
    void bestAgreesWithTheFullRankingOnRandomClusters() {
        var random = new java.util.Random(42);
        for (SchedulingPolicy.Name name : SchedulingPolicy.Name.values()) {
            for (int round = 0; round < 200; round++) {
                List<HostCandidate> hosts = new java.util.ArrayList<>();
                for (int i = 0; i < 1 + random.nextInt(20); i++) {
                    HostStatus status = random.nextInt(10) == 0 ? HostStatus.MAINTENANCE : HostStatus.UP;
                    hosts.add(new HostCandidate(id("h" + i), "h" + i, status, random.nextInt(15) > 0,
                            1024L * (1 + random.nextInt(8)), 128L * random.nextInt(40), 1 + random.nextInt(8),
                            random.nextInt(20), random.nextInt(10), "m"));
                }
                var snapshot = cluster(SchedulingPolicy.preset(name), hosts, List.of(), Map.of());
                var request = vm("v", 64 * (1 + random.nextInt(16)), 1 + random.nextInt(4));
                assertEquals(Scheduler.rank(snapshot, request).best(),
                        Scheduler.best(snapshot, request).map(HostCandidate::id), "round " + round + " " + name);
            }
        }
    }

    @Test
    void aSessionBooksEachDecisionSoABatchNeverOverbooks() {
        var session = new PlacementSession(cluster(host("a", 1024, 0), host("b", 1024, 0)));
        int placed = 0;
        for (int i = 0; i < 10; i++) {
            var request = vm("v" + i, 256, 1);
            var host = session.choose(request);
            if (host.isPresent()) {
                session.book(request, host.get().id());
                placed++;
            }
        }
        assertEquals(8, placed, "2 hosts x 1024 MiB hold exactly 8 VMs of 256 MiB");
        assertTrue(session.hosts().stream().allMatch(h -> h.committedMiB() == 1024));
        assertEquals("a: memory: has 0 MiB free, needs 256; b: memory: has 0 MiB free, needs 256",
                session.explain(vm("late", 256, 1)).explain());
    }
}
