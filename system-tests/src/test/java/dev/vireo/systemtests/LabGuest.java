package dev.vireo.systemtests;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A lab VM watched through the API: its serial console log, its jobs, a power-off that holds. */
final class LabGuest {
    private LabGuest() {
    }

    /** The guest's serial console output so far (up to 1 MiB). */
    static String serial(Api api, String vm) {
        var log = api.get("/api/v1/vms/" + vm + "/console-log?bytes=1048576");
        assertEquals(200, log.status(), log.body());
        return log.body();
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    /** Waits up to 90 s until the guest has printed {@code text} at least {@code times} times. */
    static void awaitCount(Api api, String vm, String text, int times) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (count(serial(api, vm), text) >= times) {
                return;
            }
            Api.sleep(300);
        }
        throw new AssertionError("VM never printed '" + text + "' " + times + " times; log: " + serial(api, vm));
    }

    /** A 202 answer's job, awaited to its end; it must have succeeded. */
    static JsonNode awaitJob(Api api, Api.Answer accepted) {
        assertEquals(202, accepted.status(), accepted.body());
        String id = accepted.json().path("id").asText();
        JsonNode job = api.await("/api/v1/jobs/" + id, j -> !List.of("PENDING", "RUNNING").contains(j.path("status").asText()),
                Duration.ofSeconds(120), "job " + id);
        assertEquals("SUCCEEDED", job.path("status").asText(), job.toString());
        return job;
    }

    /** Powers the VM off and waits until DOWN holds. */
    static void powerOff(Api api, String vm) {
        assertEquals(202, api.post("/api/v1/vms/" + vm + "/poweroff", null).status());
        api.await("/api/v1/vms/" + vm, j -> "DOWN".equals(j.path("status").asText()), Duration.ofSeconds(60), vm + " DOWN");
        // the agent's state report and libvirt's events can trail the poweroff's reply and flip the VM back for
        // a moment ("VM found running", then "went down"): wait until DOWN holds
        Api.sleep(1000);
        api.await("/api/v1/vms/" + vm, j -> "DOWN".equals(j.path("status").asText()), Duration.ofSeconds(30), vm + " DOWN");
    }
}
