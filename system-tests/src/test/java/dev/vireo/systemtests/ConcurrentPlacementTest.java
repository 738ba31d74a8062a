package dev.vireo.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.fleet.Fleet;
import dev.vireo.fleet.FleetOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Placement is exact under concurrency: the real engine on its real PostgreSQL, two simulated hosts (the
 * agent's own code on libvirt's test driver) with room for exactly 100 VMs, and 200 start requests fired
 * at once (one request each, or two bulk requests of 100). Exactly 100 are placed, the other 100 get a 409
 * that says why, and no host is overbooked; room freed meanwhile is used by the next start.
 */
@Tag("lab")
class ConcurrentPlacementTest {
    private static final int HOST_MEMORY_MIB = 12_800;   // 50 VMs of 256 MiB per host
    private static final int VM_MEMORY_MIB = 256;
    private static final int REQUESTS = 200;

    @Test
    void twoHundredConcurrentStartsIntoRoomForOneHundredPlaceExactlyOneHundred() throws Exception {
        Path work = work("placement");
        try (Lab lab = engine(work); Fleet fleet = fleet(lab, work)) {
            List<String> ids = createVms(lab, "race-");

            ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<Api.Answer>> answers = new ArrayList<>();
            for (String id : ids) {
                answers.add(pool.submit(() -> {
                    gate.await();
                    return lab.api.post("/api/v1/vms/" + id + "/start", null);
                }));
            }
            gate.countDown();
            int accepted = 0;
            int refused = 0;
            for (Future<Api.Answer> f : answers) {
                Api.Answer a = f.get();
                if (a.status() == 202) {
                    accepted++;
                } else {
                    assertEquals(409, a.status(), a.body());
                    assertTrue(a.json().path("detail").asText().contains("memory: has 0 MiB free, needs 256"), a.body());
                    refused++;
                }
            }
            pool.shutdown();
            assertEquals(100, accepted, "exactly the room there is");
            assertEquals(100, refused);
            assertHostsFullAndEveryPlacedVmRunning(lab);
        }
    }

    /** The same race through the bulk start: two requests of 100 VMs each, at once. */
    @Test
    void twoConcurrentBulkStartsOfOneHundredIntoRoomForOneHundredPlaceExactlyOneHundred() throws Exception {
        Path work = work("bulk");
        try (Lab lab = engine(work); Fleet fleet = fleet(lab, work)) {
            List<String> ids = createVms(lab, "bulk-");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<Api.Answer>> answers = new ArrayList<>();
            for (List<String> half : List.of(ids.subList(0, 100), ids.subList(100, 200))) {
                answers.add(pool.submit(() -> {
                    gate.await();
                    return lab.api.post("/api/v1/vms/start", "{\"vmIds\":[\"" + String.join("\",\"", half) + "\"]}");
                }));
            }
            gate.countDown();
            int accepted = 0;
            int refused = 0;
            for (Future<Api.Answer> f : answers) {
                Api.Answer a = f.get();
                assertEquals(200, a.status(), a.body());
                for (JsonNode outcome : a.json().path("results")) {
                    if (outcome.path("status").asInt() == 202) {
                        accepted++;
                        assertEquals("start", outcome.path("job").path("action").asText(), outcome.toString());
                    } else {
                        assertEquals(409, outcome.path("status").asInt(), outcome.toString());
                        assertTrue(outcome.path("error").asText().contains("memory: has 0 MiB free, needs 256"),
                                outcome.toString());
                        refused++;
                    }
                }
                assertEquals(a.json().path("accepted").asInt() + a.json().path("refused").asInt(), 100, a.body());
            }
            pool.shutdown();
            assertEquals(100, accepted, "exactly the room there is");
            assertEquals(100, refused);
            assertHostsFullAndEveryPlacedVmRunning(lab);
            roomFreedWithoutThePlacementLockIsUsedAtOnce(lab, ids);
        }
    }

    /**
     * Powering VMs off frees room without the placement lock, so the load the last batch carried over (kept for
     * an hour in this engine) overstates what is used: the next batch must not refuse on its word.
     */
    private static void roomFreedWithoutThePlacementLockIsUsedAtOnce(Lab lab, List<String> ids) {
        List<String> running = new ArrayList<>();
        List<String> down = new ArrayList<>();
        for (String id : ids) {
            (lab.api.get("/api/v1/vms/" + id).json().path("status").asText().equals("RUNNING") ? running : down).add(id);
        }
        for (String id : running.subList(0, 10)) {
            assertEquals(202, lab.api.post("/api/v1/vms/" + id + "/poweroff", null).status());
        }
        lab.api.await("/api/v1/vms?limit=1&status=DOWN", j -> j.path("total").asInt() == 110, Duration.ofSeconds(60),
                "10 VMs powered off");
        Api.Answer again = lab.api.post("/api/v1/vms/start", "{\"vmIds\":[\"" + String.join("\",\"", down.subList(0, 10)) + "\"]}");
        assertEquals(200, again.status(), again.body());
        assertEquals(10, again.json().path("accepted").asInt(), again.body());
        assertHostsFullAndEveryPlacedVmRunning(lab);
    }

    private static Path work(String what) throws Exception {
        return Files.createDirectories(Path.of(System.getProperty("vireo.work", "target/lab-work"))
                .toAbsolutePath().resolve(what + "-" + System.currentTimeMillis()));
    }

    private static Lab engine(Path work) throws Exception {
        Path images = work.resolve("images");
        // the hosts' load is carried from batch to batch for an hour (not 1 s): every batch here works on a
        // carried-over load unless another lock holder came in between
        return Lab.engineOnly(List.of("-Dvireo.image-dirs=" + images, "-Dvireo.scheduling.load-max-age=1h",
                "-Dvireo.default-boot.kernel=" + images.resolve("kit/vmlinuz"),
                "-Dvireo.default-boot.initrd=" + images.resolve("kit/initrd.gz")));
    }

    /** Two simulated hosts with room for 50 VMs each, UP. */
    private static Fleet fleet(Lab lab, Path work) throws Exception {
        Fleet fleet = new Fleet(FleetOptions.parse("--engine-url", "http://127.0.0.1:" + lab.enginePort,
                "--token", lab.enrollmentToken(), "--hosts", "2", "--prefix", "place-",
                "--memory-mib", Integer.toString(HOST_MEMORY_MIB), "--cpus", "64",
                "--image-dir", work.resolve("images").toString(), "--state-dir", work.resolve("fleet").toString()));
        fleet.start();
        lab.api.await("/api/v1/hosts", j -> j.path("items").findValuesAsText("status").stream()
                .filter("UP"::equals).count() == 2, Duration.ofSeconds(60), "2 simulated hosts UP");
        return fleet;
    }

    private static List<String> createVms(Lab lab, String prefix) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            var created = lab.api.post("/api/v1/vms", "{\"name\":\"" + prefix + i + "\",\"memoryMiB\":" + VM_MEMORY_MIB + ",\"vcpus\":1}");
            assertEquals(201, created.status(), created.body());
            ids.add(created.json().path("id").asText());
        }
        return ids;
    }

    /** No host is booked past its memory, and every placed VM really runs on its host. */
    private static void assertHostsFullAndEveryPlacedVmRunning(Lab lab) {
        JsonNode vms = lab.api.await("/api/v1/vms?limit=1000&status=RUNNING",
                // the page's items and its total are two queries: wait until both show all 100
                j -> j.path("total").asInt() == 100 && j.path("items").size() == 100, Duration.ofSeconds(120),
                "100 VMs RUNNING");
        Map<String, Integer> booked = new HashMap<>();
        for (JsonNode vm : vms.path("items")) {
            booked.merge(vm.path("hostName").asText(), vm.path("memoryMiB").asInt(), Integer::sum);
        }
        assertEquals(Map.of("place-00001", HOST_MEMORY_MIB, "place-00002", HOST_MEMORY_MIB), booked);
        assertEquals(100, lab.api.get("/api/v1/vms?limit=1&status=DOWN").json().path("total").asInt());
    }
}
