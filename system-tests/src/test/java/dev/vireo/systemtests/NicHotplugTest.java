package dev.vireo.systemtests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NIC hot-plug with a real guest: a running guest without NICs gets one on a logical network (a Linux bridge
 * in the root namespace, which the lab host shares). The guest's kernel finds the new virtio NIC on its PCI bus
 * (it prints "pci 0000:00:NN.0: [1af4:1000] type 00 class 0x020000" and virtio-pci enables the device: the VM
 * boots with loglevel=7) and {@code virsh domiflist} lists it on the bridge with the pool's MAC; then it is
 * unplugged (done once the guest released it) and gone from both. A network whose bridge the host lacks is
 * refused by name.
 */
@Tag("lab")
class NicHotplugTest {
    static final String BRIDGE = "vireonic0";
    private static final Pattern VIRTIO_NET = Pattern.compile("pci (\\S+): \\[1af4:1000\\] type 00 class 0x020000");
    private static Lab lab;
    private static LabBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = LabBridge.create(BRIDGE, null);
        lab = Lab.start("nic-host1");
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
    void aNicIsHotPluggedIntoARunningGuestAndUnpluggedAgain() throws Exception {
        var network = lab.api.post("/api/v1/networks", "{\"name\":\"lab-hotnet\",\"bridge\":\"" + BRIDGE + "\"}");
        assertEquals(201, network.status(), network.body());
        String networkId = network.json().path("id").asText();
        var absent = lab.api.post("/api/v1/networks", "{\"name\":\"lab-nowhere\",\"bridge\":\"vireonone0\"}");
        assertEquals(201, absent.status(), absent.body());

        String kit = Lab.IMAGES.resolve("kit").toString();
        var created = lab.api.post("/api/v1/vms", "{\"name\":\"nic-hotplug-vm\",\"memoryMiB\":128,\"vcpus\":1,\"boot\":{\"kernel\":\""
                + kit + "/vmlinuz\",\"initrd\":\"" + kit + "/initrd.gz\",\"cmdline\":\"console=ttyS0 loglevel=7\"}}");
        assertEquals(201, created.status(), created.body());
        String vm = created.json().path("id").asText();
        String domain = "vireo-" + vm;
        assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/start", null).status());
        await(vm, "tick ", "the guest's init runs (virtio_net loaded)");
        assertFalse(VIRTIO_NET.matcher(serial(vm)).find(), "no virtio NIC before the hot-plug: " + serial(vm));

        // the host reports its bridges with its state reports: one it lacks is refused by name, nothing added
        String hostId = lab.api.get("/api/v1/hosts").json().path("items").get(0).path("id").asText();   // the only one
        lab.api.await("/api/v1/hosts/" + hostId + "/nics", j -> j.findValuesAsText("name").contains(BRIDGE),
                Duration.ofSeconds(30), "the host reports " + BRIDGE);
        var refused = lab.api.post("/api/v1/vms/" + vm + "/nics", "{\"networkId\":\"" + absent.json().path("id").asText() + "\"}");
        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.body().contains("has no bridge vireonone0"), refused.body());
        assertEquals(0, lab.api.get("/api/v1/vms/" + vm + "/nics").json().size());

        long t0 = System.nanoTime();
        var plugged = lab.api.post("/api/v1/vms/" + vm + "/nics", "{\"networkId\":\"" + networkId + "\"}");
        long answered = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(201, plugged.status(), plugged.body());
        String mac = plugged.json().path("mac").asText();
        String nicId = plugged.json().path("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Matcher found = VIRTIO_NET.matcher(serial(vm));
        while (!found.find()) {
            assertTrue(System.nanoTime() < deadline, "the guest never found the NIC: " + serial(vm));
            Api.sleep(200);
            found = VIRTIO_NET.matcher(serial(vm));
        }
        String address = found.group(1);
        while (!serial(vm).contains("virtio-pci " + address + ": enabling device")) {
            assertTrue(System.nanoTime() < deadline, "virtio-pci never took " + address + ": " + serial(vm));
            Api.sleep(200);
        }
        long seen = (System.nanoTime() - t0) / 1_000_000;
        serial(vm).lines().filter(l -> l.contains(address)).forEach(l -> System.out.println("guest: " + l.strip()));
        System.out.printf("NIC hot-plug: API answered in %d ms, the guest's kernel found virtio NIC %s in %d ms%n",
                answered, address, seen);
        String iflist = lab.virsh("domiflist", domain);
        assertTrue(iflist.contains(mac) && iflist.contains(BRIDGE), iflist);
        assertEquals(1, lab.api.get("/api/v1/vms/" + vm + "/nics").json().size());

        t0 = System.nanoTime();
        var unplugged = lab.api.delete("/api/v1/vms/" + vm + "/nics/" + nicId);
        long unplugMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(204, unplugged.status(), unplugged.body());
        System.out.printf("NIC hot-unplug: released by the guest in %d ms%n", unplugMs);
        iflist = lab.virsh("domiflist", domain);
        assertFalse(iflist.contains(mac), iflist);
        assertFalse(lab.virsh("dumpxml", domain).contains(mac), "gone from the live definition too");
        assertEquals(0, lab.api.get("/api/v1/vms/" + vm + "/nics").json().size());
        assertEquals("RUNNING", lab.api.get("/api/v1/vms/" + vm).json().path("status").asText());

        assertEquals(202, lab.api.post("/api/v1/vms/" + vm + "/poweroff", null).status());
        lab.api.await("/api/v1/vms/" + vm, j -> "DOWN".equals(j.path("status").asText()), Duration.ofSeconds(60), "VM DOWN");
        assertEquals(204, lab.api.delete("/api/v1/vms/" + vm).status());
        assertEquals(204, lab.api.delete("/api/v1/networks/" + networkId).status());
    }

    private static void await(String vm, String text, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!serial(vm).contains(text)) {
            assertTrue(System.nanoTime() < deadline, what + ": " + serial(vm));
            Api.sleep(300);
        }
    }

    private static String serial(String vm) {
        return lab.api.get("/api/v1/vms/" + vm + "/console-log?bytes=1048576").body();
    }
}
