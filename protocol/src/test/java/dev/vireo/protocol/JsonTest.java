package dev.vireo.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class JsonTest {

    @Test
    void commandRoundTripsWithItsSpec() {
        var spec = new DomainSpec("0b0e6c1a-0000-4000-8000-000000000001", "web <1>", "d", 128, 1,
                new BootSpec("/k", "/i", "console=ttyS0", null), null);
        var frame = Json.write(new AgentMessage.Command("c1", CommandAction.START, spec.uuid(), spec, null));
        assertTrue(frame.contains("\"type\":\"command\""), frame);
        var back = (AgentMessage.Command) Json.read(frame);
        assertEquals(spec, back.spec());
        assertEquals(CommandAction.START, back.action());
    }

    @Test
    void stateReportRoundTrips() {
        var report = new AgentMessage.StateReport(List.of(new DomainStatus("u", "n", DomainState.RUNNING, 5900)));
        assertEquals(report, Json.read(Json.write(report)));
    }

    @Test
    void malformedFrameIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> Json.read("{\"type\":\"nope\"}"));
        assertTrue(e.getMessage().startsWith("malformed agent frame"), e.getMessage());
    }

    @Test
    void domainNameNeverCarriesUserText() {
        var spec = new DomainSpec("abc", "'; rm -rf /", null, 1, 1, null, null);
        assertEquals("vireo-abc", spec.domainName());
    }
}
