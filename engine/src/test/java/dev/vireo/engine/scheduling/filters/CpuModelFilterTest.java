package dev.vireo.engine.scheduling.filters;

import dev.vireo.engine.hosts.HostStatus;
import dev.vireo.engine.scheduling.AffinityGroup.Polarity;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;
import dev.vireo.engine.scheduling.SchedulingPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.vireo.engine.scheduling.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class CpuModelFilterTest {
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
