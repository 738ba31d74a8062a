package dev.vireo.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live migration of a real QEMU guest between two lab hosts, each a libvirtd in its own network namespace,
 * driven through the engine's API: the guest keeps running (its uptime continues, it does not boot again),
 * the API shows the new host, the source host no longer has the domain, and the job says how long it took.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveMigrationTest {
    private static final Pattern TICK = Pattern.compile("tick ([0-9.]+)");
    private static Lab lab;

    @BeforeAll
    static void up() throws Exception {
        lab = Lab.startNetnsHosts("mig-a", "10.78.0.21", "mig-b", "10.78.0.22");
    }

    @AfterAll
    static void down() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void aRunningGuestMovesToTheOtherHostAndBackWithoutRebooting() throws Exception {
        String vm = lab.api.post("/api/v1/vms", "{\"name\":\"mig-guest\",\"memoryMiB\":128,\"vcpus\":1}").json().path("id").asText();
        assertEquals(409, lab.api.post("/api/v1/vms/" + vm + "/migrate", null).status(), "a DOWN VM cannot migrate");
        assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/start", null).status());
        JsonNode running = lab.api.await("/api/v1/vms/" + vm, j -> "RUNNING".equals(j.path("status").asText()),
                Duration.ofSeconds(60), "RUNNING");
        String first = running.path("hostName").asText();
        String other = first.equals("mig-a") ? "mig-b" : "mig-a";
        double before = awaitTickAfter(vm, 0);

        var refused = lab.api.post("/api/v1/vms/" + vm + "/migrate", "{\"hostId\":\"" + running.path("hostId").asText() + "\"}");
        assertEquals(409, refused.status(), refused.body());

        // a console open on the source: the display greets with its RFB version
        Console onSource = Console.open(vm);
        assertTrue(onSource.greeting().get(20, TimeUnit.SECONDS).startsWith("RFB 003.00"));

        var started = lab.api.post("/api/v1/vms/" + vm + "/migrate", null);   // the scheduler picks the other host
        assertEquals(202, started.status(), started.body());
        JsonNode job = lab.api.await("/api/v1/jobs/" + started.json().path("id").asText(),
                j -> j.path("status").asText().matches("SUCCEEDED|FAILED"), Duration.ofSeconds(120), "migration job done");
        assertEquals("SUCCEEDED", job.path("status").asText(), job.toString());
        assertTrue(job.path("message").asText().matches(".*migrated in \\d+ ms, downtime \\d+ ms"), "the job records the downtime: " + job);
        JsonNode moved = lab.api.get("/api/v1/vms/" + vm).json();
        assertEquals("RUNNING", moved.path("status").asText());
        assertEquals(other, moved.path("hostName").asText());
        assertEquals("running", lab.virshOn(other, "domstate", "vireo-" + vm).trim());
        assertFalse(lab.virshOn(first, "list", "--all", "--name").contains("vireo-" + vm), "gone from the source");

        // the console connection ends with the source's QEMU; a new ticket reaches the display on the new host
        onSource.closed().get(30, TimeUnit.SECONDS);
        Console onDestination = Console.open(vm);
        assertTrue(onDestination.greeting().get(20, TimeUnit.SECONDS).startsWith("RFB 003.00"),
                "the console reconnects on " + other);
        onDestination.close();

        // the guest did not boot again: the console of the new host goes on counting its uptime
        double after = awaitTickAfter(vm, before);
        String log = lab.api.get("/api/v1/vms/" + vm + "/console-log").body();
        assertFalse(log.contains("GUEST-BOOTED"), "no second boot on the destination:\n" + log);
        assertTrue(after > before, before + " -> " + after);

        // and back, to a host named by the caller
        String back = lab.api.post("/api/v1/vms/" + vm + "/migrate", "{\"hostId\":\"" + running.path("hostId").asText() + "\"}")
                .json().path("id").asText();
        lab.api.await("/api/v1/jobs/" + back, j -> "SUCCEEDED".equals(j.path("status").asText()), Duration.ofSeconds(120), "back");
        assertEquals(first, lab.api.get("/api/v1/vms/" + vm).json().path("hostName").asText());
        awaitTickAfter(vm, after);

        var events = lab.api.get("/api/v1/events?objectId=" + vm + "&limit=100").json().path("items").findValuesAsText("action");
        assertEquals(2, events.stream().filter("vm.migrated"::equals).count(), events.toString());

        assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/poweroff", null).status());
        lab.api.await("/api/v1/vms/" + vm, j -> "DOWN".equals(j.path("status").asText()), Duration.ofSeconds(60), "DOWN");
        assertEquals(204, lab.api.delete("/api/v1/vms/" + vm).status());
    }

    @Test
    @Order(2)
    void aGuestWithADiskMigratesAndItsWritesFromBothHostsStayOnTheDisk() throws Exception {
        String disk = lab.api.post("/api/v1/disks", "{\"name\":\"mig-disk\",\"sizeMiB\":16}").json().path("id").asText();
        String kit = Lab.IMAGES.resolve("kit").toString();
        String vm = lab.api.post("/api/v1/vms", "{\"name\":\"mig-disk-guest\",\"memoryMiB\":128,\"vcpus\":1,\"boot\":{"
                + "\"kernel\":\"" + kit + "/vmlinuz\",\"initrd\":\"" + kit + "/initrd.gz\","
                + "\"cmdline\":\"console=ttyS0 console=tty0 vireo.disk-stamp\"}}").json().path("id").asText();
        assertEquals(200, lab.api.post("/api/v1/vms/" + vm + "/disks", "{\"diskId\":\"" + disk + "\"}").status());
        assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/start", null).status());
        String source = lab.api.await("/api/v1/vms/" + vm, j -> "RUNNING".equals(j.path("status").asText()),
                Duration.ofSeconds(60), "RUNNING").path("hostName").asText();
        // the guest stamps its disk with a counter every 2 s
        int onSource = awaitStampAbove(vm, 2);

        var started = lab.api.post("/api/v1/vms/" + vm + "/migrate", null);
        assertEquals(202, started.status(), started.body());
        JsonNode job = lab.api.await("/api/v1/jobs/" + started.json().path("id").asText(),
                j -> j.path("status").asText().matches("SUCCEEDED|FAILED"), Duration.ofSeconds(120), "migration job done");
        assertEquals("SUCCEEDED", job.path("status").asText(), job.toString());
        assertNotEquals(source, lab.api.get("/api/v1/vms/" + vm).json().path("hostName").asText());
        // it goes on writing on the destination
        int onDestination = awaitStampAbove(vm, onSource + 2);

        // the disk holds what the guest wrote last, on the destination: the next boot reads it
        assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/poweroff", null).status());
        lab.api.await("/api/v1/vms/" + vm, j -> "DOWN".equals(j.path("status").asText()), Duration.ofSeconds(60), "DOWN");
        assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/start", null).status());
        int read = awaitLastRead(vm);
        assertTrue(read >= onDestination, "the disk kept the destination's writes: read " + read + ", wrote " + onDestination);
        assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/poweroff", null).status());
        lab.api.await("/api/v1/vms/" + vm, j -> "DOWN".equals(j.path("status").asText()), Duration.ofSeconds(60), "DOWN");
        assertEquals(204, lab.api.delete("/api/v1/vms/" + vm).status());
        assertEquals(204, lab.api.delete("/api/v1/disks/" + disk).status(), "the disk stays after its VM, until deleted");
    }

    private static final Pattern WROTE = Pattern.compile("GUEST-DISK-WROTE STAMP-[0-9a-f-]{36}-(\\d+)");
    private static final Pattern READ = Pattern.compile("GUEST-DISK-READ STAMP-[0-9a-f-]{36}-(\\d+)");

    /** Waits until the console shows the guest writing a stamp counter above {@code than}; returns the latest. */
    private static int awaitStampAbove(String vm, int than) {
        return awaitLast(vm, WROTE, than, "a disk stamp above " + than);
    }

    private static int awaitLastRead(String vm) {
        return awaitLast(vm, READ, -1, "the stamp read at boot");
    }

    private static int awaitLast(String vm, Pattern pattern, int than, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            var log = lab.api.get("/api/v1/vms/" + vm + "/console-log");
            last = log.body();
            int latest = -1;
            Matcher m = pattern.matcher(log.status() == 200 ? log.body() : "");
            while (m.find()) {
                latest = Integer.parseInt(m.group(1));
            }
            if (latest > than) {
                return latest;
            }
            Api.sleep(500);
        }
        throw new AssertionError("never saw " + what + "; console: " + last);
    }

    @Test
    @Order(3)
    void maintenanceEvacuatesAHostWithTwoVms() throws Exception {
        String hostA = lab.api.hostId("mig-a");
        String hostB = lab.api.hostId("mig-b");
        java.util.List<String> vms = new java.util.ArrayList<>();
        for (String name : new String[]{"evac-1", "evac-2"}) {
            String vm = lab.api.post("/api/v1/vms", "{\"name\":\"" + name + "\",\"memoryMiB\":128,\"vcpus\":1}").json().path("id").asText();
            assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/start", null).status());
            JsonNode running = lab.api.await("/api/v1/vms/" + vm, j -> "RUNNING".equals(j.path("status").asText()),
                    Duration.ofSeconds(60), name + " RUNNING");
            if (!running.path("hostId").asText().equals(hostA)) {   // gather both on host A first
                String job = lab.api.post("/api/v1/vms/" + vm + "/migrate", "{\"hostId\":\"" + hostA + "\"}").json().path("id").asText();
                lab.api.await("/api/v1/jobs/" + job, j -> "SUCCEEDED".equals(j.path("status").asText()), Duration.ofSeconds(120), "to A");
            }
            vms.add(vm);
        }
        // one migration per host at a time: the evacuation has to queue the second VM
        String cluster = lab.api.get("/api/v1/vms/" + vms.get(0)).json().path("clusterId").asText();
        lab.api.put("/api/v1/clusters/" + cluster + "/migration", "{\"parallelPerHost\":1,\"maxDowntimeMs\":500}");
        var evacuation = lab.api.post("/api/v1/hosts/" + hostA + "/maintenance", null);
        assertEquals(202, evacuation.status(), evacuation.body());
        JsonNode job = lab.api.await("/api/v1/jobs/" + evacuation.json().path("id").asText(),
                j -> j.path("status").asText().matches("SUCCEEDED|FAILED"), Duration.ofSeconds(180), "evacuation done");
        assertEquals("SUCCEEDED", job.path("status").asText(), job.toString());
        assertEquals("MAINTENANCE", lab.api.get("/api/v1/hosts/" + hostA).json().path("status").asText());
        for (String vm : vms) {
            JsonNode moved = lab.api.get("/api/v1/vms/" + vm).json();
            assertEquals("RUNNING", moved.path("status").asText(), moved.toString());
            assertEquals(hostB, moved.path("hostId").asText());
            assertEquals("running", lab.virshOn("mig-b", "domstate", "vireo-" + vm).trim());
        }
        assertEquals("UP", lab.api.post("/api/v1/hosts/" + hostA + "/activate", null).json().path("status").asText());
        for (String vm : vms) {
            assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/poweroff", null).status());
            lab.api.await("/api/v1/vms/" + vm, j -> "DOWN".equals(j.path("status").asText()), Duration.ofSeconds(60), "DOWN");
        }
    }

    @Test
    @Order(4)
    void theLoadBalancerSpreadsVmsByCountOneMoveAtATime() throws Exception {
        lab.api.post("/api/v1/hosts/" + lab.api.hostId("mig-a") + "/activate", null);
        String hostA = lab.api.hostId("mig-a");
        String hostB = lab.api.hostId("mig-b");
        java.util.List<String> vms = new java.util.ArrayList<>();
        for (String name : new String[]{"bal-1", "bal-2", "bal-3"}) {
            String vm = lab.api.post("/api/v1/vms", "{\"name\":\"" + name + "\",\"memoryMiB\":64,\"vcpus\":1}").json().path("id").asText();
            assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/start", null).status());
            JsonNode running = lab.api.await("/api/v1/vms/" + vm, j -> "RUNNING".equals(j.path("status").asText()),
                    Duration.ofSeconds(60), name + " RUNNING");
            if (!running.path("hostId").asText().equals(hostA)) {
                String job = lab.api.post("/api/v1/vms/" + vm + "/migrate", "{\"hostId\":\"" + hostA + "\"}").json().path("id").asText();
                lab.api.await("/api/v1/jobs/" + job, j -> "SUCCEEDED".equals(j.path("status").asText()), Duration.ofSeconds(120), "to A");
            }
            vms.add(vm);
        }
        String cluster = lab.api.get("/api/v1/vms/" + vms.get(0)).json().path("clusterId").asText();
        lab.api.put("/api/v1/clusters/" + cluster + "/scheduling", "{\"policy\":\"VM_EVENLY_DISTRIBUTED\"}");
        try {
            // 3 VMs on A, none on B: the balancer moves exactly one, then the difference is under two
            lab.api.await("/api/v1/hosts/" + hostB, j -> j.path("runningVms").asInt() == 1, Duration.ofSeconds(90), "one VM moved to B");
            Api.sleep(8000);   // several more balancer runs: nothing else moves (no ping-pong)
            assertEquals(1, lab.api.get("/api/v1/hosts/" + hostB).json().path("runningVms").asInt());
            assertEquals(2, lab.api.get("/api/v1/hosts/" + hostA).json().path("runningVms").asInt());
            var moves = lab.api.get("/api/v1/events?limit=200").json().path("items").findValuesAsText("action").stream()
                    .filter("balancer.move"::equals).count();
            assertEquals(1, moves, "one balancer move, with its reason in the audit log");
        } finally {
            lab.api.put("/api/v1/clusters/" + cluster + "/scheduling", "{\"policy\":\"EVENLY_DISTRIBUTED\"}");
            for (String vm : vms) {
                lab.api.post("/api/v1/vms/" + vm + "/poweroff", null);
            }
            for (String vm : vms) {
                lab.api.await("/api/v1/vms/" + vm, j -> "DOWN".equals(j.path("status").asText()), Duration.ofSeconds(60), "DOWN");
            }
        }
    }

    @Test
    @Order(5)
    void aSlowMigrationCanBeCancelledAndTheGuestStaysOnItsSource() throws Exception {
        String vm = lab.api.post("/api/v1/vms", "{\"name\":\"mig-cancel\",\"memoryMiB\":128,\"vcpus\":1}").json().path("id").asText();
        assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/start", null).status());
        JsonNode running = lab.api.await("/api/v1/vms/" + vm, j -> "RUNNING".equals(j.path("status").asText()),
                Duration.ofSeconds(60), "RUNNING");
        String source = running.path("hostName").asText();
        String cluster = running.path("clusterId").asText();
        lab.api.put("/api/v1/clusters/" + cluster + "/migration", "{\"bandwidthMiBps\":1}");   // minutes for 128 MiB
        try {
            String job = lab.api.post("/api/v1/vms/" + vm + "/migrate", null).json().path("id").asText();
            lab.api.await("/api/v1/jobs/" + job, j -> j.path("step").asText().startsWith("copying memory"),
                    Duration.ofSeconds(60), "the migration copying memory");
            var cancel = lab.api.post("/api/v1/jobs/" + job + "/cancel", null);
            assertEquals(200, cancel.status(), cancel.body());
            JsonNode ended = lab.api.await("/api/v1/jobs/" + job, j -> j.path("status").asText().matches("CANCELLED|FAILED|SUCCEEDED"),
                    Duration.ofSeconds(60), "the job ended");
            assertEquals("CANCELLED", ended.path("status").asText(), ended.toString());
            JsonNode after = lab.api.get("/api/v1/vms/" + vm).json();
            assertEquals("RUNNING", after.path("status").asText(), after.toString());
            assertEquals(source, after.path("hostName").asText());
            assertEquals("running", lab.virshOn(source, "domstate", "vireo-" + vm).trim());
            assertEquals(409, lab.api.post("/api/v1/jobs/" + job + "/cancel", null).status(), "a finished job cannot be cancelled");
        } finally {
            lab.api.put("/api/v1/clusters/" + cluster + "/migration", "{\"bandwidthMiBps\":0}");
        }
        assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/poweroff", null).status());
        lab.api.await("/api/v1/vms/" + vm, j -> "DOWN".equals(j.path("status").asText()), Duration.ofSeconds(60), "DOWN");
    }

    @Test
    @Order(6)
    void anEngineRestartDuringAMigrationSettlesWhereTheVmRuns() throws Exception {
        String vm = lab.api.post("/api/v1/vms", "{\"name\":\"mig-restart\",\"memoryMiB\":128,\"vcpus\":1}").json().path("id").asText();
        assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/start", null).status());
        lab.api.await("/api/v1/vms/" + vm, j -> "RUNNING".equals(j.path("status").asText()), Duration.ofSeconds(60), "RUNNING");
        var started = lab.api.post("/api/v1/vms/" + vm + "/migrate", null);
        assertEquals(202, started.status(), started.body());
        lab.stopEngine();   // the agent finishes (or fails) the migration while nobody listens
        lab.startEngine();

        JsonNode settled = lab.api.await("/api/v1/vms/" + vm, j -> "RUNNING".equals(j.path("status").asText())
                        && j.path("migratingToHostId").isNull(), Duration.ofSeconds(90), "VM settled RUNNING after the restart");
        String where = settled.path("hostName").asText();
        String elsewhere = where.equals("mig-a") ? "mig-b" : "mig-a";
        assertEquals("running", lab.virshOn(where, "domstate", "vireo-" + vm).trim(), "the API shows where it really runs");
        assertFalse(lab.virshOn(elsewhere, "list", "--name").contains("vireo-" + vm), "and it runs nowhere else");
        JsonNode job = lab.api.get("/api/v1/jobs/" + started.json().path("id").asText()).json();
        assertTrue(job.path("status").asText().matches("SUCCEEDED|FAILED"), job.toString());
        assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/poweroff", null).status());
        lab.api.await("/api/v1/vms/" + vm, j -> "DOWN".equals(j.path("status").asText()), Duration.ofSeconds(60), "DOWN");
    }

    @Test
    @Order(7)
    void whenTheDestinationsLibvirtdIsGoneTheGuestStaysRunningOnTheSource() throws Exception {
        String vm = lab.api.post("/api/v1/vms", "{\"name\":\"mig-fail\",\"memoryMiB\":128,\"vcpus\":1}").json().path("id").asText();
        assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/start", null).status());
        JsonNode running = lab.api.await("/api/v1/vms/" + vm, j -> "RUNNING".equals(j.path("status").asText()),
                Duration.ofSeconds(60), "RUNNING");
        String source = running.path("hostName").asText();
        String destination = source.equals("mig-a") ? "mig-b" : "mig-a";
        double before = awaitTickAfter(vm, 0);

        lab.killLibvirtd(destination);
        var started = lab.api.post("/api/v1/vms/" + vm + "/migrate", null);
        assertEquals(202, started.status(), started.body());
        JsonNode job = lab.api.await("/api/v1/jobs/" + started.json().path("id").asText(),
                j -> j.path("status").asText().matches("SUCCEEDED|FAILED"), Duration.ofSeconds(120), "migration job done");
        assertEquals("FAILED", job.path("status").asText(), job.toString());
        assertFalse(job.path("message").asText().isBlank(), "the job says why: " + job);

        JsonNode after = lab.api.get("/api/v1/vms/" + vm).json();
        assertEquals("RUNNING", after.path("status").asText(), after.toString());
        assertEquals(source, after.path("hostName").asText());
        assertEquals("running", lab.virshOn(source, "domstate", "vireo-" + vm).trim());
        awaitTickAfter(vm, before);
        var events = lab.api.get("/api/v1/events?objectId=" + vm + "&limit=100").json().path("items").findValuesAsText("action");
        assertTrue(events.contains("vm.migrate-failed"), events.toString());
    }

    /** A console websocket through the engine (a fresh one-time ticket), as the browser's noVNC opens it. */
    private record Console(WebSocket socket, CompletableFuture<String> greeting, CompletableFuture<Void> closed) {
        static Console open(String vm) throws Exception {
            var ticket = lab.api.post("/api/v1/vms/" + vm + "/console", null);
            assertEquals(200, ticket.status(), ticket.body());
            CompletableFuture<String> greeting = new CompletableFuture<>();
            CompletableFuture<Void> closed = new CompletableFuture<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + lab.enginePort + ticket.json().path("path").asText()),
                            new WebSocket.Listener() {
                                @Override
                                public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                                    greeting.complete(StandardCharsets.US_ASCII.decode(data).toString());
                                    ws.request(1);
                                    return null;
                                }

                                @Override
                                public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                                    closed.complete(null);
                                    return null;
                                }

                                @Override
                                public void onError(WebSocket ws, Throwable error) {
                                    closed.complete(null);
                                }
                            }).get(10, TimeUnit.SECONDS);
            return new Console(socket, greeting, closed);
        }

        void close() {
            socket.abort();
        }
    }

    /** Waits until the VM's console shows a tick later than {@code than} seconds of guest uptime; returns it. */
    private static double awaitTickAfter(String vm, double than) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            var log = lab.api.get("/api/v1/vms/" + vm + "/console-log");
            last = log.body();
            double latest = -1;
            Matcher m = TICK.matcher(log.status() == 200 ? log.body() : "");
            while (m.find()) {
                latest = Double.parseDouble(m.group(1));
            }
            if (latest > than) {
                return latest;
            }
            Api.sleep(500);
        }
        throw new AssertionError("no tick after " + than + " s of uptime; console: " + last);
    }
}
