package dev.vireo.systemtests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A VM NIC on a logical network, for real: a Linux bridge in the root network namespace carries the
 * network, a lab host that shares that namespace runs the guest with a NIC on it, the guest kit brings
 * eth0 up with the address from its command line and prints its MAC, and the root namespace pings it.
 * (Host network setup does not create bridges yet: the test makes this one by hand.)
 */
@Tag("lab")
class VmNetworkTest {
    static final String BRIDGE = "vireonet0";
    static final String GATEWAY = "10.79.0.1/24";
    static final String GUEST_IP = "10.79.0.10";
    private static Lab lab;
    private static LabBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = LabBridge.create(BRIDGE, GATEWAY);
        lab = Lab.start("net-host1");
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
    void aGuestOnTheNetworkGetsThePoolsMacAndAnswersPings() throws Exception {
        var network = lab.api.post("/api/v1/networks", "{\"name\":\"lab-net\",\"bridge\":\"" + BRIDGE + "\"}");
        assertEquals(201, network.status(), network.body());
        String networkId = network.json().path("id").asText();

        String kit = Lab.IMAGES.resolve("kit").toString();
        var vm = lab.api.post("/api/v1/vms", "{\"name\":\"net-guest\",\"memoryMiB\":128,\"vcpus\":1,\"boot\":{\"kernel\":\""
                + kit + "/vmlinuz\",\"initrd\":\"" + kit + "/initrd.gz\",\"cmdline\":\"console=ttyS0 console=tty0 vireo.ip="
                + GUEST_IP + "/24\"}}");
        assertEquals(201, vm.status(), vm.body());
        String vmId = vm.json().path("id").asText();
        var nic = lab.api.post("/api/v1/vms/" + vmId + "/nics", "{\"networkId\":\"" + networkId + "\"}");
        assertEquals(201, nic.status(), nic.body());
        String mac = nic.json().path("mac").asText();
        assertTrue(mac.startsWith("56:6f:00:"), "from the default pool: " + mac);

        long t0 = System.nanoTime();
        var started = lab.api.post("/api/v1/vms/" + vmId + "/start", null);
        assertEquals(202, started.status(), started.body());
        String expected = "GUEST-NET eth0 mac=" + mac + " ip=" + GUEST_IP + "/24";
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!serial(vmId).contains(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the guest never printed '" + expected + "'; log: " + serial(vmId));
            }
            Api.sleep(300);
        }
        System.out.printf("guest network up %d ms after start%n", (System.nanoTime() - t0) / 1_000_000);
        String xml = lab.virsh("dumpxml", "vireo-" + vmId);
        assertTrue(xml.contains("<source bridge='" + BRIDGE + "'/>") && xml.contains("<mac address='" + mac + "'/>"), xml);

        assertEquals(409, lab.api.delete("/api/v1/networks/" + networkId).status(), "the network is in use");

        // the guest may still be bringing the link up: a few tries
        String ping = "";
        boolean answered = false;
        for (int i = 0; i < 5 && !answered; i++) {
            Shell.Result r = Shell.run("busybox", "ping", "-c", "3", "-W", "2", GUEST_IP);
            ping = r.output();
            answered = r.exit() == 0;
        }
        assertTrue(answered, "the guest answers pings from the root namespace: " + ping);
        System.out.println(ping.strip());

        assertEquals(202, lab.api.post("/api/v1/vms/" + vmId + "/poweroff", null).status());
        lab.api.await("/api/v1/vms/" + vmId, j -> "DOWN".equals(j.path("status").asText()), Duration.ofSeconds(60), "VM DOWN");
        assertEquals(204, lab.api.delete("/api/v1/vms/" + vmId).status());
        assertEquals(204, lab.api.delete("/api/v1/networks/" + networkId).status());
    }

    private static String serial(String vm) {
        return lab.api.get("/api/v1/vms/" + vm + "/console-log").body();
    }
}
