package dev.vireo.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class JsonTest {

    @Test
    void commandRoundTripsWithItsSpec() {
        var spec = new DomainSpec("0b0e6c1a-0000-4000-8000-000000000001", "web <1>", "d", 128, 1,
                new BootSpec("/k", "/i", "console=ttyS0", null), null);
        var frame = Json.write(new AgentMessage.Command("c1", CommandAction.START, spec.uuid(), spec, null));
        assertTrue(frame.contains("\"type\":\"command\""), frame);
        var back = (AgentMessage.Command) Json.read(frame);
        assertEquals(spec, back.spec());
        assertEquals(CommandAction.START, back.action());
    }

    @Test
    void nicsRoundTripAndASpecWithoutThemHasNone() {
        var spec = new DomainSpec("0b0e6c1a-0000-4000-8000-000000000001", "vm", null, 128, 1,
                new BootSpec("/k", null, null, null), null, null,
                List.of(new NicSpec("56:6f:00:00:00:01", "vireobr0", "virtio", 1500)));
        var back = (AgentMessage.Command) Json.read(Json.write(new AgentMessage.Command("c1", CommandAction.START,
                spec.uuid(), spec, null)));
        assertEquals(spec, back.spec());
        String old = "{\"type\":\"command\",\"id\":\"c1\",\"action\":\"START\",\"vmId\":\"v\","
                + "\"spec\":{\"uuid\":\"v\",\"name\":\"vm\",\"memoryMiB\":128,\"vcpus\":1}}";
        assertEquals(List.of(), ((AgentMessage.Command) Json.read(old)).spec().nics());
        assertEquals(List.of(), new DomainSpec("v", "vm", null, 128, 1, null, null).nics());
    }

    @Test
    void snapshotCommandRoundTripsAndOlderConstructorsLeaveItOut() {
        var snapshot = new SnapshotSpec("0b0e6c1a-0000-4000-8000-000000000002", "before <upgrade>", true,
                "/var/lib/vireo/images/d.qcow2", "<domainsnapshot/>");
        var command = new AgentMessage.Command("c2", CommandAction.REVERT_SNAPSHOT, "0b0e6c1a-0000-4000-8000-000000000001",
                null, null, null, null, null, snapshot);
        var back = (AgentMessage.Command) Json.read(Json.write(command));
        assertEquals(snapshot, back.snapshot());
        assertEquals(CommandAction.REVERT_SNAPSHOT, back.action());
        var old = Json.write(new AgentMessage.Command("c3", CommandAction.POWEROFF, "v", null, null));
        assertFalse(old.contains("snapshot"), old);
        assertNull(((AgentMessage.Command) Json.read(old)).snapshot());
    }

    @Test
    void aSnapshotOfSeveralDisksRoundTripsAndAnOlderOneCoversVda() {
        var disks = List.of(new SnapshotSpec.Disk("vda", "/var/lib/vireo/images/a.qcow2"),
                new SnapshotSpec.Disk("vdb", "/var/lib/vireo/images/b.qcow2"));
        var several = SnapshotSpec.of("0b0e6c1a-0000-4000-8000-000000000002", null, false, null, disks);
        assertNull(several.diskPath(), "an agent that knows only diskPath refuses rather than covering vda alone");
        var back = (AgentMessage.Command) Json.read(Json.write(new AgentMessage.Command("c6", CommandAction.CREATE_SNAPSHOT,
                "v", null, null, null, null, null, several)));
        assertEquals(several, back.snapshot());
        assertEquals(disks, back.snapshot().covered());
        String older = "{\"type\":\"command\",\"id\":\"c7\",\"action\":\"CREATE_SNAPSHOT\",\"vmId\":\"v\","
                + "\"snapshot\":{\"name\":\"n\",\"includeMemory\":false,\"diskPath\":\"/i/a.qcow2\"}}";
        assertEquals(List.of(new SnapshotSpec.Disk("vda", "/i/a.qcow2")), ((AgentMessage.Command) Json.read(older)).snapshot().covered());
        assertEquals("/var/lib/vireo/images/a.qcow2", SnapshotSpec.of("n", null, false, null, disks.subList(0, 1)).diskPath(),
                "one disk: an older agent still does it");
    }

    @Test
    void nicCommandRoundTripsAndOlderConstructorsLeaveItOut() {
        var nic = new NicSpec("56:6f:00:00:00:07", "ovsbr0", "virtio", 1500, "openvswitch", 42);
        var command = new AgentMessage.Command("c4", CommandAction.ATTACH_NIC, "0b0e6c1a-0000-4000-8000-000000000001",
                null, null, null, null, null, null, null, null, nic);
        var back = (AgentMessage.Command) Json.read(Json.write(command));
        assertEquals(nic, back.nic());
        assertEquals(CommandAction.ATTACH_NIC, back.action());
        // the disk constructor, called with a literal null, still compiles and carries no NIC
        var disk = new AgentMessage.Command("c5", CommandAction.DETACH_DISK, "v", null, null, null, null, null, null, null,
                null);
        assertNull(disk.nic());
        String old = Json.write(new AgentMessage.Command("c6", CommandAction.POWEROFF, "v", null, null));
        assertFalse(old.contains("\"nic\""), old);
        assertNull(((AgentMessage.Command) Json.read(old)).nic());
    }

    @Test
    void stateReportRoundTrips() {
        var report = new AgentMessage.StateReport(List.of(new DomainStatus("u", "n", DomainState.RUNNING, 5900)));
        assertEquals(report, Json.read(Json.write(report)));
    }

    @Test
    void malformedFrameIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> Json.read("{\"type\":\"nope\"}"));
        assertTrue(e.getMessage().startsWith("malformed agent frame"), e.getMessage());
    }

    @Test
    void domainNameNeverCarriesUserText() {
        var spec = new DomainSpec("abc", "'; rm -rf /", null, 1, 1, null, null);
        assertEquals("vireo-abc", spec.domainName());
    }
}
