package dev.vireo.engine.scheduling.filters;

import dev.vireo.engine.hosts.HostStatus;
import dev.vireo.engine.scheduling.AffinityGroup.Polarity;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;
import dev.vireo.engine.scheduling.SchedulingPolicy;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.vireo.engine.scheduling.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** One nested class per filter unit. */
class FiltersTest {

    @Nested
    class HostUp {
        final HostUpFilter f = new HostUpFilter();

        @Test
        void onlyUpAndConnectedHostsPass() {
            assertNull(f.reject(host("a", HostStatus.UP, true), vm("v", 1, 1), cluster()));
            assertEquals("is MAINTENANCE", f.reject(host("a", HostStatus.MAINTENANCE, true), vm("v", 1, 1), cluster()));
            assertEquals("is NON_RESPONSIVE", f.reject(host("a", HostStatus.NON_RESPONSIVE, true), vm("v", 1, 1), cluster()));
            assertEquals("its agent is not connected", f.reject(host("a", HostStatus.UP, false), vm("v", 1, 1), cluster()));
        }

        @Test
        void excludedHostsAreOut() {
            var request = new PlacementRequest(id("v"), "v", 1, 1, null, Set.of(id("a")));
            assertNotNull(f.reject(host("a", HostStatus.UP, true), request, cluster()));
        }
    }

    @Nested
    class Memory {
        final MemoryFilter f = new MemoryFilter();

        @Test
        void countsMemoryAlreadyBooked() {
            assertNull(f.reject(host("a", 1024, 512), vm("v", 512, 1), cluster()));
            assertEquals("has 511 MiB free, needs 512", f.reject(host("a", 1024, 513), vm("v", 512, 1), cluster()));
            assertEquals("has 0 MiB free, needs 1", f.reject(host("a", 1024, 2000), vm("v", 1, 1), cluster()));
        }
    }

    @Nested
    class CpuOvercommit {
        final CpuOvercommitFilter f = new CpuOvercommitFilter();

        @Test
        void staysWithinTheRatioAndTheHostsCpus() {
            var policy = new SchedulingPolicy(SchedulingPolicy.Name.NONE, Map.of(), 2.0, 0, 80, 20);
            var c = cluster(policy, List.of(), List.of(), Map.of());
            assertNull(f.reject(busy("a", 4, 6, 3), vm("v", 1, 2), c));
            assertEquals("would carry 9 vCPUs, over its limit of 8 (4 CPUs x 2.0)", f.reject(busy("a", 4, 6, 3), vm("v", 1, 3), c));
            assertEquals("has 4 CPUs, the VM wants 5", f.reject(busy("a", 4, 0, 0), vm("v", 1, 5), c));
        }
    }

    @Nested
    class MaxVms {
        final MaxVmsFilter f = new MaxVmsFilter();

        @Test
        void capsVmsPerHostOnlyWhenSet() {
            var capped = cluster(new SchedulingPolicy(SchedulingPolicy.Name.NONE, Map.of(), 4, 3, 80, 20), List.of(), List.of(), Map.of());
            assertNull(f.reject(busy("a", 8, 0, 2), vm("v", 1, 1), capped));
            assertEquals("already runs 3 VMs, the cluster allows 3 per host", f.reject(busy("a", 8, 0, 3), vm("v", 1, 1), capped));
            assertNull(f.reject(busy("a", 8, 0, 300), vm("v", 1, 1), cluster()));
        }
    }

    @Nested
    class CpuModel {
        final CpuModelFilter f = new CpuModelFilter();

        @Test
        void needsTheSameModelWhenOneIsRequired() {
            HostCandidate skylake = host("a", 1024, 0);
            assertNull(f.reject(skylake, vm("v", 1, 1), cluster()));
            assertNull(f.reject(skylake, new PlacementRequest(id("v"), "v", 1, 1, "Skylake", Set.of()), cluster()));
            assertEquals("has CPU model Skylake, the VM needs EPYC",
                    f.reject(skylake, new PlacementRequest(id("v"), "v", 1, 1, "EPYC", Set.of()), cluster()));
        }
    }

    @Nested
    class HostAffinity {
        final HostAffinityFilter f = new HostAffinityFilter();

        @Test
        void hardPinningAndExclusion() {
            var pin = group("pin", Polarity.NONE, Polarity.POSITIVE, true, Set.of(id("v")), Set.of(id("a"), id("b")));
            var keepOff = group("off", Polarity.NONE, Polarity.NEGATIVE, true, Set.of(id("v")), Set.of(id("b")));
            var c = cluster(SchedulingPolicy.defaults(), List.of(), List.of(pin, keepOff), Map.of());
            assertNull(f.reject(host("a", 1024, 0), vm("v", 1, 1), c));
            assertEquals("is excluded by affinity group 'off'", f.reject(host("b", 1024, 0), vm("v", 1, 1), c));
            assertEquals("is not one of the hosts of affinity group 'pin'", f.reject(host("c", 1024, 0), vm("v", 1, 1), c));
            assertNull(f.reject(host("c", 1024, 0), vm("other", 1, 1), c), "VMs outside the group are free");
        }

        @Test
        void softGroupsDoNotFilter() {
            var soft = group("pin", Polarity.NONE, Polarity.POSITIVE, false, Set.of(id("v")), Set.of(id("a")));
            var c = cluster(SchedulingPolicy.defaults(), List.of(), List.of(soft), Map.of());
            assertNull(f.reject(host("c", 1024, 0), vm("v", 1, 1), c));
        }
    }

    @Nested
    class VmAffinity {
        final VmAffinityFilter f = new VmAffinityFilter();

        @Test
        void negativeKeepsApartPositiveKeepsTogether() {
            var apart = group("apart", Polarity.NEGATIVE, Polarity.NONE, true, Set.of(id("v"), id("w")), Set.of());
            var together = group("together", Polarity.POSITIVE, Polarity.NONE, true, Set.of(id("v"), id("x")), Set.of());
            var c = cluster(SchedulingPolicy.defaults(), List.of(), List.of(apart, together),
                    Map.of(id("w"), id("a"), id("x"), id("b")));
            assertEquals("runs a VM of negative affinity group 'apart'", f.reject(host("a", 1024, 0), vm("v", 1, 1), c));
            assertNull(f.reject(host("b", 1024, 0), vm("v", 1, 1), c));
            assertEquals("is not where the VMs of positive affinity group 'together' run",
                    f.reject(host("c", 1024, 0), vm("v", 1, 1), c));
        }

        @Test
        void groupMembersThatDoNotRunYetConstrainNothing() {
            var together = group("together", Polarity.POSITIVE, Polarity.NONE, true, Set.of(id("v"), id("x")), Set.of());
            var c = cluster(SchedulingPolicy.defaults(), List.of(), List.of(together), Map.of());
            assertNull(f.reject(host("c", 1024, 0), vm("v", 1, 1), c));
        }
    }
}
