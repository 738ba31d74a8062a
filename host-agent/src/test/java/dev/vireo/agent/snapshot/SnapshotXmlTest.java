package dev.vireo.agent.snapshot;

import dev.vireo.agent.command.CommandFailure;
import dev.vireo.agent.libvirt.SafeXml;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.SnapshotSpec;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Snapshot XML rendering and the checks on what a snapshot command carries. */
class SnapshotXmlTest {
    private static final String VM = "6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab";
    private static final String NAME = "0b0e6c1a-0000-4000-8000-000000000001";

    private static Document parse(String xml) {
        return SafeXml.parse(xml);
    }

    @Test
    void createAsksForAnInternalSnapshotWithMemory() {
        Document doc = parse(SnapshotXml.create(SnapshotSpec.create(NAME, "before the upgrade", true, "/d")));
        Element root = doc.getDocumentElement();
        assertEquals("domainsnapshot", root.getTagName());
        assertEquals(NAME, root.getElementsByTagName("name").item(0).getTextContent());
        assertEquals("internal", ((Element) root.getElementsByTagName("memory").item(0)).getAttribute("snapshot"));
        Element disk = (Element) root.getElementsByTagName("disk").item(0);
        assertEquals("vda", disk.getAttribute("name"));
        assertEquals("internal", disk.getAttribute("snapshot"));
    }

    @Test
    void theDescriptionIsOnlyEverText() {
        String evil = "</description><memory snapshot='external' file='/etc/passwd'/><!-- ]]> & \"'";
        String xml = SnapshotXml.create(SnapshotSpec.create(NAME, evil, true, "/d"));
        Document doc = parse(xml);
        assertEquals(evil, doc.getElementsByTagName("description").item(0).getTextContent());
        assertEquals(1, doc.getElementsByTagName("memory").getLength(), xml);
        assertFalse(xml.contains("/etc/passwd'/>"), xml);
    }

    @Test
    void noDescriptionNoElement() {
        Document doc = parse(SnapshotXml.create(SnapshotSpec.create(NAME, null, true, "/d")));
        assertEquals(0, doc.getElementsByTagName("description").getLength());
    }

    private static String stored(String name, String vm) {
        return "<domainsnapshot><name>" + name + "</name><state>running</state><creationTime>1795709561</creationTime>"
                + "<memory snapshot='internal'/><disks><disk name='vda' snapshot='internal'/></disks>"
                + "<domain type='qemu'><name>vireo-" + vm + "</name><uuid>" + vm + "</uuid><devices>"
                + "<graphics type='vnc' port='5900' autoport='yes' listen='0.0.0.0'><listen type='address' address='0.0.0.0'/></graphics>"
                + "</devices></domain>"
                + "<inactiveDomain type='qemu'><name>vireo-" + vm + "</name><uuid>" + vm + "</uuid><devices>"
                + "<graphics type='vnc' port='-1' autoport='yes' listen='0.0.0.0'/></devices></inactiveDomain>"
                + "</domainsnapshot>";
    }

    @Test
    void redefinedMetadataGetsALockedDisplay() throws Exception {
        Document doc = parse(SnapshotXml.forRedefine(stored(NAME, VM), NAME, VM));
        NodeList graphics = doc.getElementsByTagName("graphics");
        assertEquals(2, graphics.getLength());
        for (int i = 0; i < graphics.getLength(); i++) {
            Element g = (Element) graphics.item(i);
            assertTrue(g.getAttribute("passwd").matches("[A-Za-z0-9]{8}"), g.getAttribute("passwd"));
            assertEquals("1970-01-01T00:00:00", g.getAttribute("passwdValidTo"));
        }
    }

    @Test
    void redefinedMetadataMustBeThatSnapshotOfThatVm() {
        String other = UUID.randomUUID().toString();
        assertThrows(CommandFailure.class, () -> SnapshotXml.forRedefine(stored(other, VM), NAME, VM));
        var e = assertThrows(CommandFailure.class, () -> SnapshotXml.forRedefine(stored(NAME, other), NAME, VM));
        assertTrue(e.getMessage().contains("not of VM " + VM), e.getMessage());
        assertThrows(CommandFailure.class, () -> SnapshotXml.forRedefine("<domain/>", NAME, VM));
        assertThrows(CommandFailure.class, () -> SnapshotXml.forRedefine("<domainsnapshot><name>" + NAME
                + "</name></domainsnapshot>", NAME, VM));
        var malformed = assertThrows(CommandFailure.class, () -> SnapshotXml.forRedefine("<domainsnapshot>", NAME, VM));
        assertEquals(CommandFailure.INVALID, malformed.kind());
        // no entity tricks: a DOCTYPE is refused by the parser
        assertThrows(CommandFailure.class, () -> SnapshotXml.forRedefine("<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
                + "<domainsnapshot><name>&e;</name></domainsnapshot>", NAME, VM));
    }

    @Test
    void diskOnlyMetadataForDeletingFromARunningDomain() {
        String domain = "<domain type='qemu'><name>vireo-" + VM + "</name><uuid>" + VM + "</uuid><devices>"
                + "<graphics type='vnc' port='-1' autoport='yes'/></devices></domain>";
        Document doc = parse(SnapshotXml.diskOnlyForRedefine(NAME, List.of("vda"), domain, Instant.ofEpochSecond(1700000000)));
        Element root = doc.getDocumentElement();
        assertEquals("shutoff", root.getElementsByTagName("state").item(0).getTextContent());
        assertEquals("1700000000", root.getElementsByTagName("creationTime").item(0).getTextContent());
        assertEquals("no", ((Element) root.getElementsByTagName("memory").item(0)).getAttribute("snapshot"));
        assertEquals(VM, ((Element) root.getElementsByTagName("domain").item(0)).getElementsByTagName("uuid").item(0).getTextContent());
        assertEquals("1970-01-01T00:00:00", ((Element) root.getElementsByTagName("graphics").item(0)).getAttribute("passwdValidTo"));
    }

    /** name=snapshot of each {@code <disk>} directly under {@code <disks>}, in order */
    private static List<String> disks(Document doc) {
        List<String> disks = new ArrayList<>();
        Element list = (Element) doc.getDocumentElement().getElementsByTagName("disks").item(0);
        for (int i = 0; i < list.getChildNodes().getLength(); i++) {
            if (list.getChildNodes().item(i) instanceof Element d) {
                disks.add(d.getAttribute("name") + "=" + d.getAttribute("snapshot"));
            }
        }
        return disks;
    }

    private static final String TWO_DISKS_AND_A_CDROM = "<domain type='qemu'><name>vireo-" + VM + "</name><uuid>" + VM
            + "</uuid><devices>"
            + "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/img/a.qcow2'/><target dev='vda' bus='virtio'/></disk>"
            + "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/img/b.qcow2'/><target dev='vdb' bus='virtio'/></disk>"
            + "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='/img/iso/x.iso'/><target dev='hdc' bus='ide'/><readonly/></disk>"
            + "<graphics type='vnc' port='-1' autoport='yes'/></devices></domain>";

    @Test
    void aSnapshotOfSeveralDisksNamesEachAndLeavesTheCdromOut() {
        Document doc = parse(SnapshotXml.create(SnapshotSpec.create(NAME, null, true, null), List.of("vda", "vdb"), List.of("hdc")));
        assertEquals(List.of("vda=internal", "vdb=internal", "hdc=no"), disks(doc));
        Document redefine = parse(SnapshotXml.diskOnlyForRedefine(NAME, List.of("vda", "vdb"), TWO_DISKS_AND_A_CDROM, Instant.now()));
        assertEquals(List.of("vda=internal", "vdb=internal", "hdc=no"), disks(redefine));
        // a snapshot made before vdb was attached covers vda only
        assertEquals(List.of("vda=internal", "vdb=no", "hdc=no"),
                disks(parse(SnapshotXml.diskOnlyForRedefine(NAME, List.of("vda"), TWO_DISKS_AND_A_CDROM, Instant.now()))));
    }

    @Test
    void theRunningDomainsDisksMustBeTheSnapshotsOrReadOnly() throws Exception {
        var a = new Snapshots.Volume("vda", Path.of("/img/a.qcow2"));
        var b = new Snapshots.Volume("vdb", Path.of("/img/b.qcow2"));
        assertEquals(List.of("hdc"), Snapshots.leftOut(TWO_DISKS_AND_A_CDROM, List.of(a, b)));
        // a writable disk the snapshot does not cover (a shareable raw disk, say): libvirt cannot leave it out
        var uncovered = assertThrows(CommandFailure.class, () -> Snapshots.leftOut(TWO_DISKS_AND_A_CDROM, List.of(a)));
        assertEquals(CommandFailure.INVALID, uncovered.kind());
        assertTrue(uncovered.getMessage().contains("disk vdb (/img/b.qcow2) is writable and not among the snapshot's disks"),
                uncovered.getMessage());
        var elsewhere = assertThrows(CommandFailure.class, () -> Snapshots.leftOut(TWO_DISKS_AND_A_CDROM,
                List.of(a, new Snapshots.Volume("vdb", Path.of("/img/c.qcow2")))));
        assertTrue(elsewhere.getMessage().contains("the VM's vdb is /img/b.qcow2, not the snapshot's disk /img/c.qcow2"),
                elsewhere.getMessage());
        var missing = assertThrows(CommandFailure.class, () -> Snapshots.leftOut(TWO_DISKS_AND_A_CDROM,
                List.of(a, b, new Snapshots.Volume("vdc", Path.of("/img/c.qcow2")))));
        assertTrue(missing.getMessage().contains("the VM has no disk vdc"), missing.getMessage());
    }

    private static AgentMessage.Command command(SnapshotSpec spec) {
        return new AgentMessage.Command("c", CommandAction.CREATE_SNAPSHOT, VM, null, null, null, null, null, spec);
    }

    @Test
    void theSnapshotNameIsAnIdNeverUserText() throws Exception {
        assertEquals(NAME, Snapshots.spec(command(SnapshotSpec.create(NAME, null, false, "/d"))).name());
        for (String bad : new String[] {"before upgrade", "../../x", NAME.toUpperCase(), "", NAME + "\n"}) {
            var e = assertThrows(CommandFailure.class, () -> Snapshots.spec(command(SnapshotSpec.create(bad, null, false, "/d"))));
            assertEquals(CommandFailure.INVALID, e.kind(), bad);
        }
        assertThrows(CommandFailure.class, () -> Snapshots.spec(command(null)));
    }

    @Test
    void descriptionsAreXmlSafeText() throws Exception {
        Snapshots.checkDescription(null);
        Snapshots.checkDescription("line one\nline two\ttabbed, <tags> & \"quotes\", Ümlaut, 日本, emoji \uD83D\uDE00");
        for (String bad : new String[] {"nul \u0000", "bell \u0007", "escape \u001B[2J", "lone \uD800 half", "\uFFFE"}) {
            var e = assertThrows(CommandFailure.class, () -> Snapshots.checkDescription(bad), bad);
            assertTrue(e.getMessage().contains("cannot hold character U+"), e.getMessage());
        }
        assertThrows(CommandFailure.class, () -> Snapshots.checkDescription("x".repeat(1025)));
        Snapshots.checkDescription("x".repeat(1024));
    }
}
