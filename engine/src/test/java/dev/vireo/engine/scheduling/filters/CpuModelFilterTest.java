package dev.vireo.engine.scheduling.filters;

import dev.vireo.engine.hosts.HostStatus;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static dev.vireo.engine.scheduling.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class CpuModelFilterTest {
    final CpuModelFilter f = new CpuModelFilter();

    static HostCandidate offering(String name, Set<String> models) {
        return new HostCandidate(id(name), name, HostStatus.UP, true, 8192, 0, 8, 0, 0, "Intel Xeon", null, models);
    }

    static PlacementRequest needing(String model) {
        return new PlacementRequest(id("v"), "v", 1, 1, model, Set.of());
    }

    @Test
    void aVmWithAModelGoesOnlyWhereTheHypervisorOffersIt() {
        HostCandidate tcg = offering("a", Set.of("maximum", "qemu64", "Nehalem"));
        assertNull(f.reject(tcg, needing("Nehalem"), cluster()));
        assertNull(f.reject(tcg, needing("maximum"), cluster()));
        assertEquals("cannot run CPU model Haswell-noTSX (its hypervisor offers 3 models, e.g. Nehalem, maximum, qemu64)",
                f.reject(tcg, needing("Haswell-noTSX"), cluster()));
        assertEquals("cannot run CPU model host-model (its hypervisor offers 0 models)",
                f.reject(offering("b", Set.of()), needing("host-model"), cluster()));
        assertTrue(f.mayReject(needing("Nehalem"), cluster()));
    }

    @Test
    void aVmWithoutAModelOrAHostThatDoesNotTellIsNotJudged() {
        assertNull(f.reject(offering("a", Set.of("qemu64")), vm("v", 1, 1), cluster()));
        assertFalse(f.mayReject(vm("v", 1, 1), cluster()));
        assertNull(f.reject(host("c", 1024, 0), needing("EPYC"), cluster()), "a host that has not reported its models");
        assertEquals(Set.of("qemu64"), offering("d", Set.of("qemu64")).with(vm("v", 1, 1)).cpuModels(), "booking keeps them");
    }
}
