package dev.vireo.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Host network setup for real, with Open vSwitch (userspace datapath) inside a netns lab host: two veth pairs
 * link the host's NICs bond-a0/bond-a1 to a peer OVS switch (bridge peersw, bond peerbond, gateway 10.80.0.1).
 * Through the API: an active-backup bond, then an LACP bond, carries a logical network; a guest on it answers
 * the gateway; with the active member down the pings go on and the API shows the member down. A change that
 * cuts the agent off (MTU 68 on its management NIC) is rolled back by the host and reported.
 */
@Tag("lab")
class HostNetworkSetupTest {
    static final String HOST = "bond-h1";
    static final String ADDRESS = "10.78.0.61";
    static final String GUEST_IP = "10.80.0.10";
    static final String GATEWAY = "10.80.0.1";
    private static Lab lab;
    private static String hostId;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.startNetnsHosts(List.of("-Dvireo.network.confirm-timeout=6s"),
                List.of("-Dvireo.agent.ovs-datapath=netdev", "-Dvireo.agent.report-interval=2s"), HOST, ADDRESS);
        lab.hostSh("ovs", HOST);
        for (int i = 0; i < 2; i++) {
            on("ip", "link", "add", "bond-a" + i, "type", "veth", "peer", "name", "bond-p" + i);
            on("ip", "link", "set", "bond-a" + i, "up");
            on("ip", "link", "set", "bond-p" + i, "up");
        }
        // the peer switch, as the host's upstream switch would be
        on("ovs-vsctl", "--timeout=10", "add-br", "peersw", "--", "set", "bridge", "peersw", "datapath_type=netdev");
        on("ovs-vsctl", "--timeout=10", "add-bond", "peersw", "peerbond", "bond-p0", "bond-p1", "bond_mode=active-backup");
        on("ip", "addr", "add", GATEWAY + "/24", "dev", "peersw");
        on("ip", "link", "set", "peersw", "up");
        hostId = lab.api.get("/api/v1/hosts").json().path("items").get(0).path("id").asText();
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void bondsCarryAGuestThroughAMemberFailureAndACutOffIsRolledBack() throws Exception {
        String cluster = lab.api.get("/api/v1/hosts/" + hostId).json().path("clusterId").asText();
        assertEquals(200, lab.api.put("/api/v1/clusters/" + cluster + "/switchtype", "{\"switchType\":\"ovs\"}").status());
        lab.api.await("/api/v1/hosts/" + hostId + "/nics", j -> nic(j, "bond-a0") != null && nic(j, "bond-a1") != null,
                Duration.ofSeconds(30), "bond-a0 and bond-a1 reported");
        var network = lab.api.post("/api/v1/networks", "{\"name\":\"bond-lab\",\"bridge\":\"ovslab\"}");
        assertEquals(201, network.status(), network.body());
        String networkId = network.json().path("id").asText();
        String attach = "{\"networkId\":\"" + networkId + "\",\"on\":\"bond0\"}";

        // 1. active-backup
        String activeBackup = "{\"name\":\"bond0\",\"members\":[\"bond-a0\",\"bond-a1\"],\"mode\":\"active-backup\",\"miimonMs\":100}";
        JsonNode job = apply("{\"bonds\":[" + activeBackup + "],\"networks\":[" + attach + "]}");
        assertEquals("SUCCEEDED", job.path("status").asText(), job.toString());
        lab.api.await("/api/v1/hosts/" + hostId + "/nics", j -> "bond0".equals(text(nic(j, "bond-a0"), "bond"))
                && "ovslab".equals(text(nic(j, "bond-a0"), "bridge")) && nic(j, "bond0") != null,
                Duration.ofSeconds(30), "bond-a0 in bond0 on ovslab");
        // both ends of an active-backup link must use the same wire: the peer follows the host's choice
        Matcher active = Pattern.compile("active member mac: [0-9a-f:]+\\((bond-a[01])\\)").matcher(on("ovs-appctl", "bond/show", "bond0"));
        assertTrue(active.find(), on("ovs-appctl", "bond/show", "bond0"));
        on("ovs-vsctl", "--timeout=10", "set", "port", "peerbond",
                "other_config:bond-primary=" + active.group(1).replace("bond-a", "bond-p"));
        String vmId = startGuest(networkId);
        assertTrue(pingGuest(3) >= 1, "the guest answers the gateway");
        memberDown("active-backup");

        // 2. LACP against the peer switch
        on("ovs-vsctl", "--timeout=10", "set", "port", "peerbond", "lacp=active", "bond_mode=balance-tcp",
                "other_config:lacp-time=fast");
        String lacp = "{\"name\":\"bond0\",\"members\":[\"bond-a0\",\"bond-a1\"],\"mode\":\"802.3ad\",\"lacpRate\":\"fast\",\"miimonMs\":100}";
        job = apply("{\"bonds\":[" + lacp + "],\"networks\":[" + attach + "]}");
        assertEquals("SUCCEEDED", job.path("status").asText(), job.toString());
        long t0 = System.nanoTime();
        while (!on("ovs-appctl", "bond/show", "bond0").contains("lacp_status: negotiated")) {
            if (System.nanoTime() - t0 > Duration.ofSeconds(30).toNanos()) {
                throw new AssertionError("LACP never negotiated: " + on("ovs-appctl", "bond/show", "bond0"));
            }
            Api.sleep(300);
        }
        System.out.printf("LACP negotiated %d ms after the setup job ended%n", (System.nanoTime() - t0) / 1_000_000);
        assertTrue(pingGuest(3) >= 1, "the guest answers the gateway over the LACP bond");
        memberDown("lacp");
        var setup = lab.api.get("/api/v1/hosts/" + hostId + "/networksetup").json();
        assertEquals("802.3ad", setup.path("bonds").get(0).path("mode").asText(), setup.toString());

        // 3. a change that cuts the agent off: MTU 68 on its management NIC (the engine's frames no longer fit)
        var cutNet = lab.api.post("/api/v1/networks", "{\"name\":\"bond-cut\",\"bridge\":\"brcut\"}");
        assertEquals(201, cutNet.status(), cutNet.body());
        long c0 = System.nanoTime();
        job = apply("{\"bonds\":[" + lacp + "],\"networks\":[" + attach + ",{\"networkId\":\""
                + cutNet.json().path("id").asText() + "\",\"on\":\"eth0\",\"mtu\":68}]}");
        System.out.printf("cut-off change: job %s after %d ms: %s%n", job.path("status").asText(),
                (System.nanoTime() - c0) / 1_000_000, job.path("message").asText());
        assertEquals("FAILED", job.path("status").asText(), job.toString());
        assertTrue(job.path("message").asText().contains("rolled back"), job.toString());
        JsonNode events = lab.api.await("/api/v1/events?objectId=" + hostId, j -> j.path("items").findValuesAsText("action")
                .contains("host.network-rollback"), Duration.ofSeconds(30), "a rollback event");
        System.out.println("event: " + events.path("items").findValues("message").stream().map(JsonNode::asText)
                .filter(m -> m.contains("rolled back")).findFirst().orElse("?"));
        assertEquals("1500", on("cat", "/sys/class/net/eth0/mtu").strip(), "eth0's MTU is back");
        assertTrue(on("ovs-vsctl", "list-br").contains("ovslab") && !on("ovs-vsctl", "list-br").contains("brcut"));
        lab.api.await("/api/v1/hosts/" + hostId, j -> "UP".equals(j.path("status").asText()), Duration.ofSeconds(60), "host UP");
        setup = lab.api.get("/api/v1/hosts/" + hostId + "/networksetup").json();
        assertEquals(1, setup.path("networks").size(), "the stored setup is the confirmed one: " + setup);
        assertTrue(pingGuest(3) >= 1, "the guest still answers after the rollback");

        assertEquals(202, lab.api.post("/api/v1/vms/" + vmId + "/poweroff", null).status());
        lab.api.await("/api/v1/vms/" + vmId, j -> "DOWN".equals(j.path("status").asText()), Duration.ofSeconds(60), "VM DOWN");
    }

    /** Takes the bond's active member down while the gateway pings the guest once a second; brings it back. */
    private void memberDown(String mode) throws Exception {
        String show = on("ovs-appctl", "bond/show", "bond0");
        Matcher m = Pattern.compile("member (bond-a[01]): enabled\\s+active member").matcher(show);
        String member = m.find() ? m.group(1) : "bond-a0"; // balance-tcp has no single active member
        Path out = Files.createTempFile("vireo-ping", ".out");
        Process ping = new ProcessBuilder(Lab.ROOT.resolve("lab/host.sh").toString(), "exec", HOST, "busybox", "ping",
                "-c", "12", "-W", "1", GUEST_IP).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        Api.sleep(3000);
        on("ip", "link", "set", member, "down");
        long down = System.nanoTime();
        JsonNode nics = lab.api.await("/api/v1/hosts/" + hostId + "/nics", j -> nic(j, member) != null
                && !nic(j, member).path("up").asBoolean(), Duration.ofSeconds(30), member + " shown down");
        System.out.printf("%s: API shows %s down (%s) %d ms after it went down%n", mode, member,
                nic(nics, member).path("linkState").asText(), (System.nanoTime() - down) / 1_000_000);
        assertTrue(ping.waitFor(60, TimeUnit.SECONDS));
        String text = Files.readString(out);
        Files.deleteIfExists(out);
        Matcher r = Pattern.compile("(\\d+) packets transmitted, (\\d+) packets received").matcher(text);
        assertTrue(r.find(), text);
        int received = Integer.parseInt(r.group(2));
        System.out.printf("%s: %s down after 3 s of 12 pings: %s of %s answered%n", mode, member, received, r.group(1));
        assertTrue(received >= 10, "traffic continues with " + member + " down: " + text);
        assertTrue(pingGuest(3) >= 1, "still answering with one member");
        on("ip", "link", "set", member, "up");
        lab.api.await("/api/v1/hosts/" + hostId + "/nics", j -> nic(j, member).path("up").asBoolean(),
                Duration.ofSeconds(30), member + " up again");
    }

    private String startGuest(String networkId) throws Exception {
        String kit = Lab.IMAGES.resolve("kit").toString();
        var vm = lab.api.post("/api/v1/vms", "{\"name\":\"bond-guest\",\"memoryMiB\":128,\"vcpus\":1,\"boot\":{\"kernel\":\""
                + kit + "/vmlinuz\",\"initrd\":\"" + kit + "/initrd.gz\",\"cmdline\":\"console=ttyS0 console=tty0 vireo.ip="
                + GUEST_IP + "/24\"}}");
        assertEquals(201, vm.status(), vm.body());
        String vmId = vm.json().path("id").asText();
        var nic = lab.api.post("/api/v1/vms/" + vmId + "/nics", "{\"networkId\":\"" + networkId + "\"}");
        assertEquals(201, nic.status(), nic.body());
        assertEquals(202, lab.api.post("/api/v1/vms/" + vmId + "/start", null).status());
        String expected = "GUEST-NET eth0 mac=" + nic.json().path("mac").asText() + " ip=" + GUEST_IP + "/24";
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!lab.api.get("/api/v1/vms/" + vmId + "/console-log").body().contains(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the guest never printed '" + expected + "'");
            }
            Api.sleep(300);
        }
        String xml = lab.virshOn(HOST, "dumpxml", "vireo-" + vmId);
        assertTrue(xml.contains("<virtualport type='openvswitch'>") || xml.contains("<virtualport type='openvswitch'/>"), xml);
        assertTrue(xml.contains("<source bridge='ovslab'/>"), xml);
        return vmId;
    }

    /** Pings the guest from the gateway (the peer switch's port); a few tries while the guest brings eth0 up. */
    private static int pingGuest(int count) throws Exception {
        for (int i = 0; i < 5; i++) {
            Process p = new ProcessBuilder(Lab.ROOT.resolve("lab/host.sh").toString(), "exec", HOST, "busybox", "ping",
                    "-c", Integer.toString(count), "-W", "2", GUEST_IP).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes());
            p.waitFor(60, TimeUnit.SECONDS);
            Matcher r = Pattern.compile("(\\d+) packets received").matcher(text);
            if (p.exitValue() == 0 && r.find()) {
                return Integer.parseInt(r.group(1));
            }
        }
        return 0;
    }

    private static JsonNode apply(String setup) {
        var answer = lab.api.post("/api/v1/hosts/" + hostId + "/networksetup", setup);
        assertEquals(202, answer.status(), answer.body());
        String job = answer.json().path("id").asText();
        long t0 = System.nanoTime();
        JsonNode done = lab.api.await("/api/v1/jobs/" + job, j -> !"RUNNING".equals(j.path("status").asText())
                && !"PENDING".equals(j.path("status").asText()), Duration.ofSeconds(120), "network setup job " + job);
        System.out.printf("network setup job %s in %d ms: %s%n", done.path("status").asText(),
                (System.nanoTime() - t0) / 1_000_000, done.path("message").asText());
        return done;
    }

    private static JsonNode nic(JsonNode nics, String name) {
        for (JsonNode n : nics) {
            if (name.equals(n.path("name").asText())) {
                return n;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        return node == null || node.path(field).isNull() ? null : node.path(field).asText();
    }

    private static String on(String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("exec", HOST));
        args.addAll(List.of(command));
        return lab.hostSh(args.toArray(String[]::new));
    }
}
