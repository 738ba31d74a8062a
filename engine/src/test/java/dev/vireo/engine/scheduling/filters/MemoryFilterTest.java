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

class MemoryFilterTest {
    final MemoryFilter f = new MemoryFilter();

    @Test
    void countsMemoryAlreadyBooked() {
        assertNull(f.reject(host("a", 1024, 512), vm("v", 512, 1), cluster()));
        assertEquals("has 511 MiB free, needs 512", f.reject(host("a", 1024, 513), vm("v", 512, 1), cluster()));
        assertEquals("has 0 MiB free, needs 1", f.reject(host("a", 1024, 2000), vm("v", 1, 1), cluster()));
    }
}
