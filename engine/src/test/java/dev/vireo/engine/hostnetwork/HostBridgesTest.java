package dev.vireo.engine.hostnetwork;

import dev.vireo.protocol.HostNic;
import dev.vireo.protocol.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class HostBridgesTest {
    @Test
    void theBridgesOfAReportOrNullWithoutOne() {
        String report = Json.writeValue(List.of(new HostNic("eth0", "nic", "52:54:00:00:00:01", 1000, "up", null, null),
                new HostNic("ovslab", "bridge", "52:54:00:00:00:02", null, "up", null, null),
                new HostNic("bond0", "bond", null, null, "up", null, "ovslab")));
        assertEquals(Set.of("ovslab"), HostBridges.of(report));
        assertNull(HostBridges.of(null), "not reported: the network filter does not judge the host");
        assertEquals(Set.of(), HostBridges.of("[]"));
    }

    @Test
    void anUnreadableReportIsNotJudgedAndStaysSoWhenReadAgain() {
        assertNull(HostBridges.of("{not json"));
        assertNull(HostBridges.of("{not json"), "the remembered parse of a bad report is still 'not judged'");
        String report = Json.writeValue(List.of(new HostNic("br1", "bridge", null, null, "up", null, null)));
        assertEquals(Set.of("br1"), HostBridges.of(report));
        assertEquals(Set.of("br1"), HostBridges.of(new String(report)), "an equal report read again gives the same bridges");
    }
}
