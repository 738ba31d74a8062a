package dev.vireo.agent;

import dev.vireo.agent.command.CommandDispatcher;
import dev.vireo.agent.libvirt.HostFactsCollector;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.HostFacts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/** The CDI wiring and configuration, with the test profile's test:///default libvirt. */
@QuarkusTest
class AgentWiringTest {
    @Inject
    HostFactsCollector facts;
    @Inject
    CommandDispatcher dispatcher;
    @Inject
    AgentConfig config;

    @Test
    void factsComeFromLibvirtAndConfig() throws Exception {
        HostFacts host = facts.collect();
        assertEquals("test", host.domainType());
        assertEquals("test:///default", host.libvirtUri());
        assertTrue(host.libvirtVersion().matches("\\d+\\.\\d+\\.\\d+"), host.libvirtVersion());
        assertTrue(host.qemuVersion().matches("\\d+\\.\\d+\\.\\d+"), host.qemuVersion());
        assertTrue(host.cpuCount() > 0);
        assertTrue(host.memoryMiB() > 0);
        assertNotNull(host.hostname());
        assertTrue(facts.freeMemoryMiB() >= 0);
    }

    @Test
    void defaults() {
        assertEquals("http://127.0.0.1:8080", config.engineUrl().toString());
        assertEquals(5, config.heartbeatInterval().toSeconds());
        assertEquals(30, config.reportInterval().toSeconds());
        assertEquals("0.0.0.0", config.vncListen());
    }

    @Test
    void commandsAreDispatched() {
        String vmId = UUID.randomUUID().toString();
        AgentMessage.Reply reply = dispatcher.handle(new AgentMessage.Command("w1", CommandAction.PAUSE, vmId, null, null));
        assertEquals("w1", reply.commandId());
        assertEquals("not-found", reply.errorKind());
    }
}
