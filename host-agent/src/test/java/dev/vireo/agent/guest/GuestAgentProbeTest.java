package dev.vireo.agent.guest;

import dev.vireo.agent.libvirt.LibvirtConnection;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.GuestInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probe against libvirt's test driver, whose domains have no guest agent: each running guest is reported once
 * as silent, not again while nothing changes; and which guests count as settled (probed slowly).
 */
class GuestAgentProbeTest {
    private final LibvirtConnection libvirt = new LibvirtConnection("test:///default");

    @AfterEach
    void close() {
        libvirt.close();
    }

    @Test
    void aGuestWithoutAnAgentIsReportedSilentOnceUntilSomethingChanges() throws Exception {
        GuestAgentProbe probe = new GuestAgentProbe(libvirt);
        List<AgentMessage.GuestReport> sent = new CopyOnWriteArrayList<>();
        probe.listen(sent::add);
        probe.probeAll();   // the first pass is also the minute's full resend
        int running = libvirt.get().numOfDomains();
        assertTrue(running > 0, "the test driver has a running domain");
        assertEquals(running, sent.size());
        assertFalse(sent.get(0).guest().agentConnected());
        probe.probeAll();
        assertEquals(running, sent.size(), "nothing new: nothing sent");
    }

    @Test
    void aGuestIsSettledOnceItsAgentReportsAReachableAddress() {
        assertFalse(GuestAgentProbe.settled(null));
        assertFalse(GuestAgentProbe.settled(GuestInfo.silent("x")));
        assertFalse(GuestAgentProbe.settled(info("127.0.0.1/8", "::1/128", "fe80::5054:ff:fe12:3456/64")), "still booting");
        assertTrue(GuestAgentProbe.settled(info("127.0.0.1/8", "10.0.0.5/24")));
        assertTrue(GuestAgentProbe.settled(info("fd00::5/64")));
    }

    private static GuestInfo info(String... addresses) {
        return new GuestInfo("x", true, "h", "os", "k", List.of(new GuestInfo.Interface("eth0", "52:54:00:00:00:01", List.of(addresses))));
    }
}
