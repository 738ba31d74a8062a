package dev.vireo.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.BootSpec;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DomainSpec;
import dev.vireo.protocol.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Three simulated hosts against {@link StubEngine}: the agent's real link and commands on libvirt's test driver. */
class FleetTest {
    static final Set<String> NAMES = Set.of("fleet-test-00001", "fleet-test-00002", "fleet-test-00003");

    @TempDir
    Path dir;

    @Test
    void eachHostEnrolsWithItsOwnNameReportsItsNodeAndRunsADomain() throws Exception {
        try (StubEngine engine = new StubEngine()) {
            FleetOptions options = FleetOptions.parse("--engine-url", engine.url(), "--token", StubEngine.TOKEN,
                    "--hosts", "3", "--prefix", "fleet-test-", "--memory-mib", "6144", "--cpus", "12",
                    "--state-dir", dir.resolve("state").toString(), "--heartbeat-interval", "1s");
            try (Fleet fleet = new Fleet(options)) {
                fleet.start();
                waitUntil(() -> fleet.connected() == 3, "all three hosts connected");
                assertEquals(NAMES, engine.enrolments.keySet());

                for (SimulatedHost host : fleet.hosts()) {
                    String enrol = engine.enrolments.get(host.name());
                    assertTrue(enrol.contains("\"token\":\"" + StubEngine.TOKEN + "\""), enrol);
                    JsonNode facts = engine.nextFrame(host.name(), "hello").path("facts");
                    assertEquals(host.name(), facts.path("hostname").asText());
                    assertEquals(6144, facts.path("memoryMiB").asLong(), "memory from the node XML");
                    assertEquals(12, facts.path("cpuCount").asInt(), "CPUs from the node XML");
                    assertEquals("test", facts.path("domainType").asText());
                    assertEquals(host.libvirtUri(), facts.path("libvirtUri").asText());
                    assertEquals("test://" + dir.resolve("state/hosts/" + host.name() + "/node.xml"), host.libvirtUri());
                    assertEquals(0, engine.nextFrame(host.name(), "state-report").path("domains").size());
                    JsonNode beat = engine.nextFrame(host.name(), "heartbeat");
                    assertEquals(0, beat.path("runningDomains").asInt());
                    assertEquals(6144, beat.path("freeMemoryMiB").asLong());
                    assertTrue(Files.exists(dir.resolve("state/hosts/" + host.name() + "/credential.json")));
                }

                String vm = UUID.randomUUID().toString();
                Path kit = dir.resolve("state/images/kit");
                var spec = new DomainSpec(vm, "web-1", null, 128, 1, new BootSpec(kit.resolve("vmlinuz").toString(),
                        kit.resolve("initrd.gz").toString(), "console=ttyS0", null), null);
                engine.send("fleet-test-00002", Json.write(new AgentMessage.Command("cmd-1", CommandAction.START, vm, spec, null)));
                JsonNode reply = engine.nextFrame("fleet-test-00002", "reply");
                assertEquals("cmd-1", reply.path("commandId").asText());
                assertTrue(reply.path("error").isMissingNode(), reply.toString());
                assertEquals(vm, reply.path("domain").path("uuid").asText());
                assertEquals("RUNNING", reply.path("domain").path("state").asText());
                JsonNode report = engine.nextFrame("fleet-test-00002", "state-report");
                assertEquals("RUNNING", report.path("domains").path(0).path("state").asText());
                JsonNode beat = engine.nextFrame("fleet-test-00002", "heartbeat");
                assertEquals(1, beat.path("runningDomains").asInt(), "the host's own test driver runs it");
                assertEquals(6144 - 128, beat.path("freeMemoryMiB").asLong());
                assertEquals(0, engine.nextFrame("fleet-test-00001", "heartbeat").path("runningDomains").asInt());

                fleet.hosts().get(0).stop(); // its link must leave the shared pools to the others
                waitUntil(() -> fleet.connected() == 2, "one host stopped");
                engine.forget("fleet-test-00003");
                assertEquals(0, engine.nextFrame("fleet-test-00003", "heartbeat").path("runningDomains").asInt(),
                        "the others' heartbeats go on");
            }
        }
    }

    @Test
    void aRestartedFleetReusesItsCredentials() throws Exception {
        try (StubEngine engine = new StubEngine()) {
            String[] args = {"--engine-url", engine.url(), "--token", StubEngine.TOKEN, "--hosts", "2",
                    "--state-dir", dir.toString(), "--ramp", "50"};
            try (Fleet fleet = new Fleet(FleetOptions.parse(args))) {
                fleet.start();
                waitUntil(() -> fleet.connected() == 2, "two hosts connected");
            }
            engine.enrolments.clear();
            try (Fleet fleet = new Fleet(FleetOptions.parse(args))) {
                fleet.start();
                waitUntil(() -> fleet.connected() == 2, "two hosts connected again");
                assertTrue(engine.enrolments.isEmpty(), "no second enrolment");
            }
        }
    }

    @Test
    void optionsAndNodeXml() throws Exception {
        FleetOptions options = FleetOptions.parse("--hosts=5", "--first", "41", "--state-dir", dir.toString());
        assertEquals("sim-00041", options.hostName(0));
        assertEquals("sim-00045", options.hostName(4));
        assertEquals(262144, options.memoryMiB());
        assertEquals(64, options.cpus());
        assertEquals(dir.resolve("images"), options.imageDir());
        assertEquals(java.time.Duration.ofMillis(500), FleetOptions.duration("500ms"));
        String state = dir.toString();
        assertThrows(IllegalArgumentException.class, () -> FleetOptions.parse("--hosts", "0", "--state-dir", state));
        assertThrows(IllegalArgumentException.class, () -> FleetOptions.parse("--bogus", "1", "--state-dir", state));
        assertThrows(IllegalArgumentException.class, () -> FleetOptions.parse("--prefix", "bad name", "--state-dir", state));
        String xml = NodeXml.render(262144, 64, "x86_64");
        assertTrue(xml.contains("<memory>268435456</memory>") && xml.contains("<active>64</active>"), xml);
    }

    interface Condition {
        boolean holds();
    }

    static void waitUntil(Condition condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                fail("not within 15 s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
