package dev.vireo.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.ui.browser.VireoBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real operating system, as a user gets one: an administrator imports the Debian 12 image that
 * {@code lab/os-image.sh} built from Debian's packages and makes it a template; alice creates a VM from it with
 * her SSH key and a static address on a lab network, starts it, sees the address, host name and OS that the
 * guest agent reports, and logs in with ssh. Under TCG on the lab's cores this boot takes about a minute.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealOsTest {
    static final String BRIDGE = "vireoos0";
    static final String GATEWAY = "10.81.0.1";
    static final String GUEST_IP = "10.81.0.20";
    static final String PORTAL_IP = "10.81.0.21";
    static final Path IMAGE = DebianTemplate.IMAGE;
    private static Lab lab;
    private static LabBridge bridge;
    private static Path key;
    private static String networkId;
    private static String templateId;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isRegularFile(IMAGE.resolve("disk.qcow2")), "lab/os-image.sh builds " + IMAGE + " first ('./vireo test' runs it)");
        bridge = LabBridge.create(BRIDGE, GATEWAY + "/24");
        lab = Lab.start("os-host1");
        key = lab.work.resolve("alice-key");
        Shell.sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "alice@vireo-test", "-f", key.toString());
        templateId = DebianTemplate.importInto(lab.api);
        // the cluster's CPU type: all TCG can give (x86-64-v2 and more), which the lab host's hypervisor offers
        var cpu = lab.api.put("/api/v1/clusters/00000000-0000-4000-8000-000000000001/cpu", "{\"cpuModel\":\"maximum\"}");
        assertEquals(200, cpu.status(), cpu.body());
        var network = lab.api.post("/api/v1/networks", "{\"name\":\"os-net\",\"bridge\":\"" + BRIDGE + "\"}");
        assertEquals(201, network.status(), network.body());
        networkId = network.json().path("id").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (lab != null) {
                lab.close();
            }
        } finally {
            if (bridge != null) {
                bridge.close();
            }
        }
    }

    @Test
    @Order(1)
    void aliceGetsADebianVmWithHerKeyAndLogsInWithSsh() throws Exception {
        var templates = lab.apiAs("alice").get("/api/v1/templates");
        assertTrue(templates.body().contains("\"osName\":\"Debian GNU/Linux 12 (bookworm)\""), templates.body());
        Api alice = lab.apiAs("alice");
        String publicKey = Files.readString(Path.of(key + ".pub")).strip();
        var created = alice.post("/api/v1/vms", "{\"name\":\"alice-debian\",\"templateId\":\"" + templateId + "\","
                + "\"memoryMiB\":512,\"vcpus\":1,\"cloudInit\":{\"user\":\"alice\",\"sshAuthorizedKeys\":[\"" + publicKey
                + "\"],\"password\":\"not-shown-anywhere\",\"hostname\":\"alice-deb\",\"ip\":{\"address\":\"" + GUEST_IP
                + "/24\",\"gateway\":\"" + GATEWAY + "\"}}}");
        assertEquals(201, created.status(), created.body());
        assertFalse(created.body().contains("not-shown-anywhere"), "the password is never echoed: " + created.body());
        String vm = created.json().path("id").asText();
        var nic = alice.post("/api/v1/vms/" + vm + "/nics", "{\"networkId\":\"" + networkId + "\"}");
        assertEquals(201, nic.status(), nic.body());

        long t0 = System.nanoTime();
        assertEquals(202, alice.post("/api/v1/vms/" + vm + "/start", null).status());
        alice.await("/api/v1/vms/" + vm, j -> "RUNNING".equals(j.path("status").asText()), Duration.ofSeconds(60), "VM RUNNING");
        String xml = lab.virsh("dumpxml", "vireo-" + vm);
        assertTrue(xml.contains("org.qemu.guest_agent.0"), "the guest agent's channel: " + xml);
        assertTrue(xml.contains("<cpu mode='maximum'"), "the cluster's CPU type: " + xml);
        assertTrue(xml.contains("cidata/vireo-" + vm + ".iso"), "the cloud-init volume: " + xml);

        JsonNode guest = alice.await("/api/v1/vms/" + vm + "/guest", g -> g.path("interfaces").toString().contains(GUEST_IP + "/24"),
                Duration.ofSeconds(300), "the guest agent reports " + GUEST_IP);
        long reported = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("alice-deb", guest.path("hostname").asText(), guest.toString());
        assertEquals("Debian GNU/Linux 12 (bookworm)", guest.path("osName").asText(), guest.toString());
        assertTrue(guest.path("kernel").asText().endsWith("-cloud-amd64"), guest.toString());

        String osRelease = sshUntilUp(GUEST_IP, "cat /etc/os-release");
        long loggedIn = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(osRelease.contains("VERSION_CODENAME=bookworm"), osRelease);
        assertEquals("alice", ssh(GUEST_IP, "whoami").strip());
        assertEquals("alice-deb", ssh(GUEST_IP, "hostname").strip());
        // x86-64-v2 needs SSE4.2 and POPCNT, among others: the cluster's CPU type gives them
        String flags = ssh(GUEST_IP, "grep -m1 '^flags' /proc/cpuinfo");
        assertTrue(flags.contains(" sse4_2") && flags.contains(" popcnt") && flags.contains(" cx16"), flags);
        System.out.printf("Debian VM: guest agent reported its address %d ms after start, ssh login at %d ms%n", reported, loggedIn);

        // a reboot through the guest agent: the guest comes back with a new boot id and its files kept
        String bootId = ssh(GUEST_IP, "echo kept > ~/kept && sync && cat /proc/sys/kernel/random/boot_id").strip();
        JsonNode reboot = LabGuest.awaitJob(lab.api, alice.post("/api/v1/vms/" + vm + "/reboot", null));
        assertTrue(reboot.path("message").asText().contains("guest agent"), reboot.toString());
        long rebootDeadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        String after = bootId;
        while (after.equals(bootId) && System.nanoTime() < rebootDeadline) {
            Api.sleep(2000);
            Shell.Result r = Shell.run(sshCommand(GUEST_IP, "cat /proc/sys/kernel/random/boot_id"));
            after = r.exit() == 0 ? r.output().strip() : bootId;
        }
        assertFalse(after.equals(bootId), "the guest booted again");
        assertEquals("kept", sshUntilUp(GUEST_IP, "cat ~/kept").strip(), "the file written before the reboot");

        // a CPU model no host offers: refused at start, and the placement says why
        String avx512 = alice.post("/api/v1/vms", "{\"name\":\"alice-avx512\",\"templateId\":\"" + templateId + "\","
                + "\"memoryMiB\":512,\"vcpus\":1,\"cpuModel\":\"Skylake-Server\"}").json().path("id").asText();
        var refused = alice.post("/api/v1/vms/" + avx512 + "/start", null);
        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.body().contains("cannot run CPU model Skylake-Server"), refused.body());
        assertEquals(204, alice.delete("/api/v1/vms/" + avx512).status());

        String events = lab.api.get("/api/v1/events?limit=200").body();
        assertFalse(events.contains("not-shown-anywhere"), "the password is not in the audit log");
        assertFalse(lab.engineLog().contains("not-shown-anywhere"), "the password is not in the engine's log");

        // shutdown through the guest agent: DOWN without the power-off fallback
        JsonNode shutdown = LabGuest.awaitJob(lab.api, alice.post("/api/v1/vms/" + vm + "/shutdown?timeout=120", null));
        assertTrue(shutdown.path("message").asText().contains("asked through its guest agent"), shutdown.toString());
        assertFalse(shutdown.path("message").asText().contains("powered off"), shutdown.toString());
        alice.await("/api/v1/vms/" + vm, j -> "DOWN".equals(j.path("status").asText()), Duration.ofSeconds(60), "VM DOWN");
        assertFalse(alice.get("/api/v1/vms/" + vm + "/guest").json().path("agentConnected").asBoolean(),
                "a stopped VM's guest agent is not shown as answering");
        assertEquals(204, alice.delete("/api/v1/vms/" + vm).status());
        assertFalse(Files.exists(Lab.IMAGES.resolve("cidata/vireo-" + vm + ".iso")), "the cloud-init volume goes with the VM");
    }

    /**
     * The same through the portal in Chromium: alice picks the template, pastes her key, chooses the network and
     * an address; the VM boots, its page shows what the guest agent reports, and she logs in with ssh.
     */
    @Test
    @Order(2)
    void aliceMakesOneInThePortal() throws Exception {
        String uiUrl = lab.startWebUi();
        String publicKey = Files.readString(Path.of(key + ".pub")).strip();
        String vm;
        try (var b = new VireoBrowser(Duration.ofSeconds(60))) {
            b.login(uiUrl, "alice", "alice");
            type(b, "new-vm-name", "alice-portal");
            type(b, "new-vm-template", "debian");
            b.waitFor(By.xpath("//vaadin-combo-box-item[contains(normalize-space(), 'Debian GNU/Linux 12 (bookworm)')]")).click();
            type(b, "new-vm-user", "alice");
            b.waitFor(By.cssSelector("#new-vm-ssh-key textarea")).sendKeys(publicKey);
            type(b, "new-vm-network", "os-net");
            b.waitFor(By.xpath("//vaadin-combo-box-item[normalize-space()='os-net']")).click();
            type(b, "new-vm-address", PORTAL_IP + "/24");
            type(b, "new-vm-gateway", GATEWAY);
            b.waitFor(By.id("new-vm-create")).click();
            JsonNode found = lab.apiAs("alice").await("/api/v1/vms?q=alice-portal", j -> j.path("items").size() == 1,
                    Duration.ofSeconds(30), "the portal created alice-portal");
            vm = found.path("items").get(0).path("id").asText();
            // the form adds the NIC right after the VM
            lab.apiAs("alice").await("/api/v1/vms/" + vm + "/nics", j -> j.size() == 1, Duration.ofSeconds(30), "its NIC");
            assertEquals(202, lab.apiAs("alice").post("/api/v1/vms/" + vm + "/start", null).status());
            b.driver().get(uiUrl.replaceAll("/$", "") + "/vms/" + vm);
            b.waitFor(By.id("vm-guest"));
            // the page asks the guest agent every few seconds: the address appears by itself
            new WebDriverWait(b.driver(), Duration.ofSeconds(300), Duration.ofSeconds(2))
                    .until(d -> d.getPageSource().contains(PORTAL_IP + "/24"));
            String page = b.driver().getPageSource();
            assertTrue(page.contains("Debian GNU/Linux 12 (bookworm)"), "the OS the guest agent reports");
            b.driver().executeScript("document.getElementById('vm-guest').scrollIntoView()");
            b.screenshot(Lab.ROOT.resolve("system-tests/target/screenshots/debian-vm-page.png"));
        }
        assertEquals("alice-portal", sshUntilUp(PORTAL_IP, "hostname").strip());
        assertEquals(202, lab.apiAs("alice").post("/api/v1/vms/" + vm + "/poweroff", null).status());
    }

    /** The enrolment token reaches the engine and the agent through their environment, never a command line. */
    @Test
    @Order(3)
    void noTokenOnACommandLine() throws Exception {
        for (long pid : new long[]{lab.enginePid(), lab.agentPid()}) {
            String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
            assertFalse(cmdline.contains(lab.enrollmentToken()), "the token is on the command line of " + cmdline);
            String environ = Files.readString(Path.of("/proc/" + pid + "/environ"));
            assertTrue(environ.contains("ENROLLMENT_TOKEN=" + lab.enrollmentToken()), "given through the environment");
        }
    }

    private static void type(VireoBrowser b, String fieldId, String text) {
        WebElement input = b.waitFor(By.cssSelector("#" + fieldId + " input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
    }

    /**
     * The command's output once ssh logs in and cloud-init has finished (it restarts sshd on a first boot, which
     * would cut a session that began too early); tried again while the guest is not there yet.
     */
    private static String sshUntilUp(String ip, String command) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        Shell.Result last;
        do {
            last = Shell.run(sshCommand(ip, "cloud-init status --wait >/dev/null; " + command));
            if (last.exit() == 0) {
                return last.output();
            }
            Api.sleep(2000);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no ssh login to " + ip + " within 180 s: " + last.output());
    }

    private static String ssh(String ip, String command) throws Exception {
        Shell.Result r = Shell.run(sshCommand(ip, command));
        assertEquals(0, r.exit(), r.output());
        return r.output();
    }

    private static String[] sshCommand(String ip, String command) {
        List<String> args = new ArrayList<>(List.of("ssh", "-i", key.toString(), "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=5",
                "-o", "LogLevel=ERROR", "alice@" + ip, command));
        return args.toArray(String[]::new);
    }
}
