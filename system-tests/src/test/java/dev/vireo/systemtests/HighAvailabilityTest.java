package dev.vireo.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lab host dies (its agent and libvirtd are killed; its QEMU processes would still run): the engine sees
 * the heartbeats stop, fences the host (the lab's fence agent stops everything in its namespaces), then
 * restarts the highly available VM on the other host and marks the other VM DOWN, each step an event.
 */
@Tag("lab")
class HighAvailabilityTest {

    @Test
    void theHaVmRunsAgainOnTheOtherHostAfterItsHostIsFenced() throws Exception {
        try (Lab lab = Lab.startNetnsHosts("ha-a", "10.78.0.41", "ha-b", "10.78.0.42")) {
            String hostA = lab.api.hostId("ha-a");
            String hostB = lab.api.hostId("ha-b");
            String ha = startOn(lab, "ha-vm", true, hostA);
            String plain = startOn(lab, "plain-vm", false, hostA);

            long t0 = System.nanoTime();
            lab.killAgentOf("ha-a");
            lab.killLibvirtd("ha-a");

            lab.api.await("/api/v1/hosts/" + hostA, j -> "FENCED".equals(j.path("status").asText()),
                    Duration.ofSeconds(90), "host ha-a fenced");
            JsonNode restarted = lab.api.await("/api/v1/vms/" + ha, j -> "RUNNING".equals(j.path("status").asText())
                    && hostB.equals(j.path("hostId").asText()), Duration.ofSeconds(90), "HA VM RUNNING on ha-b");
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            System.out.println("HA VM running again on the other host " + seconds + " s after its host died");
            assertTrue(seconds < 60, "within the stated minute: " + seconds + " s");
            assertEquals("running", lab.virshOn("ha-b", "domstate", "vireo-" + ha).trim());

            JsonNode down = lab.api.get("/api/v1/vms/" + plain).json();
            assertEquals("DOWN", down.path("status").asText(), down.toString());
            List<String> plainEvents = lab.api.get("/api/v1/events?objectId=" + plain).json().path("items").findValuesAsText("message");
            assertTrue(plainEvents.stream().anyMatch(m -> m.contains("was fenced (not highly available")), plainEvents.toString());
            List<String> hostEvents = lab.api.get("/api/v1/events?objectId=" + hostA).json().path("items").findValuesAsText("action");
            assertTrue(hostEvents.containsAll(List.of("host.non-responsive", "host.fence", "host.fenced")), hostEvents.toString());
            assertEquals(restarted.path("name").asText(), "ha-vm");
        }
    }

    private static String startOn(Lab lab, String name, boolean ha, String hostId) {
        String vm = lab.api.post("/api/v1/vms", "{\"name\":\"" + name + "\",\"memoryMiB\":128,\"vcpus\":1,\"highlyAvailable\":" + ha + "}")
                .json().path("id").asText();
        lab.api.post("/api/v1/vms/" + vm + "/start", null);
        JsonNode running = lab.api.await("/api/v1/vms/" + vm, j -> "RUNNING".equals(j.path("status").asText()),
                Duration.ofSeconds(60), name + " RUNNING");
        if (!hostId.equals(running.path("hostId").asText())) {
            String job = lab.api.post("/api/v1/vms/" + vm + "/migrate", "{\"hostId\":\"" + hostId + "\"}").json().path("id").asText();
            lab.api.await("/api/v1/jobs/" + job, j -> "SUCCEEDED".equals(j.path("status").asText()), Duration.ofSeconds(120), "moved");
        }
        return vm;
    }

}
