package dev.vireo.agent.libvirt;

import dev.vireo.protocol.BootSpec;
import dev.vireo.protocol.DiskSpec;
import dev.vireo.protocol.DomainSpec;
import dev.vireo.protocol.NicSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DomainXmlTest {
    static final String UUID = "0b0e6c1a-0000-4000-8000-000000000001";

    @TempDir
    Path tmp;
    Path images;
    Path kernel;
    Path initrd;
    DomainXml xml;

    @BeforeEach
    void setUp() throws Exception {
        images = Files.createDirectories(tmp.resolve("images"));
        kernel = Files.writeString(images.resolve("vmlinuz"), "kernel");
        initrd = Files.writeString(images.resolve("initrd.gz"), "initrd");
        xml = new DomainXml(new HostSettings("qemu", List.of(images), tmp.resolve("logs"), "0.0.0.0"));
    }

    DomainSpec spec(String name, String description) {
        return new DomainSpec(UUID, name, description, 128, 1,
                new BootSpec(kernel.toString(), initrd.toString(), "console=ttyS0 quiet", null), null);
    }

    DomainSpec withBoot(BootSpec boot) {
        return new DomainSpec(UUID, "vm", null, 128, 1, boot, null);
    }

    static Document parse(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    }

    static String text(Document doc, String tag) {
        var nodes = doc.getElementsByTagName(tag);
        assertEquals(1, nodes.getLength(), "exactly one <" + tag + ">");
        return nodes.item(0).getTextContent();
    }

    static Element element(Document doc, String tag) {
        var nodes = doc.getElementsByTagName(tag);
        assertEquals(1, nodes.getLength(), "exactly one <" + tag + ">");
        return (Element) nodes.item(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "</title><devices><disk type='file'><source file='/etc/shadow'/></disk></devices><title>",
            "'; rm -rf /",
            "\"quoted\" & 'single' <b>",
            "AT&T &amp; &lt;already escaped&gt; ]]> <![CDATA[x]]>",
            "Grüße 日本語 😀 Ελληνικά",
            "tab\there",
            "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>&e;"})
    void hostileNamesAndDescriptionsStayText(String hostile) throws Exception {
        String out = xml.render(spec(hostile, hostile + "\nsecond line"));
        Document doc = parse(out);
        assertEquals(hostile, text(doc, "title"));
        assertEquals(hostile + "\nsecond line", text(doc, "description"));
        assertEquals("vireo-" + UUID, text(doc, "name"));
        assertEquals(0, doc.getElementsByTagName("disk").getLength(), "no disk smuggled in");
        assertEquals(1, doc.getElementsByTagName("devices").getLength());
        assertFalse(out.contains("<!DOCTYPE"), out);
    }

    @Test
    void rendersTheDomain() throws Exception {
        Document doc = parse(xml.render(spec("web 1", "a web server")));
        Element domain = doc.getDocumentElement();
        assertEquals("domain", domain.getTagName());
        assertEquals("qemu", domain.getAttribute("type"));
        assertEquals(UUID, text(doc, "uuid"));
        assertEquals("128", text(doc, "memory"));
        assertEquals("MiB", element(doc, "memory").getAttribute("unit"));
        assertEquals("1", text(doc, "vcpu"));
        Element type = element(doc, "type");
        assertEquals("hvm", type.getTextContent());
        assertEquals("x86_64", type.getAttribute("arch"));
        assertEquals("pc", type.getAttribute("machine"));
        assertEquals(kernel.toRealPath().toString(), text(doc, "kernel"));
        assertEquals(initrd.toRealPath().toString(), text(doc, "initrd"));
        assertEquals("console=ttyS0 quiet", text(doc, "cmdline"));
        assertEquals("destroy", text(doc, "on_poweroff"));
        assertEquals("restart", text(doc, "on_reboot"));
        assertEquals("destroy", text(doc, "on_crash"));
        Element serial = element(doc, "serial");
        assertEquals("file", serial.getAttribute("type"));
        Element source = (Element) serial.getElementsByTagName("source").item(0);
        assertEquals(tmp.resolve("logs").resolve("vireo-" + UUID + "-serial.log").toString(), source.getAttribute("path"));
        assertEquals("on", source.getAttribute("append"));
        Element consoleTarget = (Element) element(doc, "console").getElementsByTagName("target").item(0);
        assertEquals("serial", consoleTarget.getAttribute("type"));
        Element graphics = element(doc, "graphics");
        assertEquals("vnc", graphics.getAttribute("type"));
        assertEquals("-1", graphics.getAttribute("port"));
        assertEquals("yes", graphics.getAttribute("autoport"));
        assertEquals("0.0.0.0", graphics.getAttribute("listen"));
        Element listen = (Element) graphics.getElementsByTagName("listen").item(0);
        assertEquals("address", listen.getAttribute("type"));
        assertEquals("0.0.0.0", listen.getAttribute("address"));
        assertEquals("vga", ((Element) element(doc, "video").getElementsByTagName("model").item(0)).getAttribute("type"));
    }

    @Test
    void vncDisplayStartsLocked() throws Exception {
        Element first = element(parse(xml.render(spec("vm", null))), "graphics");
        Element second = element(parse(xml.render(spec("vm", null))), "graphics");
        assertTrue(first.getAttribute("passwd").matches("[A-Za-z0-9]{8}"), first.getAttribute("passwd"));
        assertNotEquals(first.getAttribute("passwd"), second.getAttribute("passwd"), "random per rendering");
        assertEquals("1970-01-01T00:00:00", first.getAttribute("passwdValidTo"), "expired until a ticket is set");
    }

    @Test
    void vncPasswordWhenGiven() throws Exception {
        var spec = new DomainSpec(UUID, "vm", null, 128, 1, spec("vm", null).boot(), "s3cr&t'\"");
        Element graphics = element(parse(xml.render(spec)), "graphics");
        assertEquals("s3cr&t'\"", graphics.getAttribute("passwd"));
        assertFalse(graphics.hasAttribute("passwdValidTo"), "a spec password does not expire");
    }

    @Test
    void vncGraphicsForALivePasswordChange() throws Exception {
        String out = DomainXml.vncGraphics(5903, "0.0.0.0", "a'b\"<&>", Instant.parse("2031-02-03T04:05:06.789Z"));
        Element graphics = parse(out).getDocumentElement();
        assertEquals("graphics", graphics.getTagName());
        assertEquals("vnc", graphics.getAttribute("type"));
        assertEquals("5903", graphics.getAttribute("port"));
        assertEquals("yes", graphics.getAttribute("autoport"));
        assertEquals("0.0.0.0", graphics.getAttribute("listen"));
        assertEquals("a'b\"<&>", graphics.getAttribute("passwd"), "attribute text, escaped by the DOM");
        assertEquals("2031-02-03T04:05:06", graphics.getAttribute("passwdValidTo"), "UTC, whole seconds");
        Element listen = (Element) graphics.getElementsByTagName("listen").item(0);
        assertEquals("address", listen.getAttribute("type"));
        assertEquals("0.0.0.0", listen.getAttribute("address"));
        assertEquals(1, graphics.getElementsByTagName("*").getLength(), "only the <listen>");
        assertFalse(out.contains("<?xml"), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.78.0.11", "localhost", "", "0.0.0.0 "})
    void vncListenMustNotBeAHostAddress(String listen) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new HostSettings("qemu", List.of(images), tmp.resolve("logs"), listen));
        assertTrue(e.getMessage().contains("would not bind after a live migration"), e.getMessage());
    }

    @Test
    void vncListenWildcardOrLoopback() {
        for (String listen : List.of("0.0.0.0", "::", "127.0.0.1", "::1")) {
            assertEquals(listen, new HostSettings("qemu", List.of(images), tmp, listen).vncListen());
        }
        assertThrows(IllegalArgumentException.class, () -> new HostSettings("qemu", List.of(images), tmp, null));
    }

    @Test
    void vncPasswordIsCheckedToo() {
        var tooLong = new DomainSpec(UUID, "vm", null, 128, 1, spec("vm", null).boot(), "123456789");
        assertInvalid(tooLong, "VNC password must have 1..8 characters");
        var withSpace = new DomainSpec(UUID, "vm", null, 128, 1, spec("vm", null).boot(), "a b");
        assertInvalid(withSpace, "VNC password may only contain printable ASCII characters");
    }

    @Test
    void diskFormatFromExtensionOrHeader() throws Exception {
        Path qcow2 = Files.write(images.resolve("disk.qcow2"), new byte[16]);
        Path raw = Files.write(images.resolve("disk.img"), new byte[]{'Q', 'F', 'I', (byte) 0xfb});
        Path probed = Files.write(images.resolve("disk"), new byte[]{'Q', 'F', 'I', (byte) 0xfb, 0, 0, 0, 3});
        Path plain = Files.write(images.resolve("disk2"), new byte[]{1, 2, 3, 4});
        assertEquals("qcow2", diskDriverType(qcow2));
        assertEquals("raw", diskDriverType(raw), "a known extension wins over the header");
        assertEquals("qcow2", diskDriverType(probed));
        assertEquals("raw", diskDriverType(plain));
    }

    private String diskDriverType(Path disk) throws Exception {
        Document doc = parse(xml.render(withBoot(new BootSpec(null, null, null, disk.toString()))));
        Element target = (Element) element(doc, "disk").getElementsByTagName("target").item(0);
        assertEquals("virtio", target.getAttribute("bus"));
        assertEquals("hd", element(doc, "boot").getAttribute("dev"));
        return ((Element) element(doc, "disk").getElementsByTagName("driver").item(0)).getAttribute("type");
    }

    @Test
    void dataDisksFollowTheBootDiskWithTheirTargets() throws Exception {
        Path boot = Files.write(images.resolve("boot.qcow2"), new byte[16]);
        Path data = Files.write(images.resolve("data.qcow2"), new byte[16]);
        DomainSpec spec = new DomainSpec(UUID, "vm", null, 128, 1, new BootSpec(kernel.toString(), null, null, boot.toString()),
                null, null, List.of(), List.of(new DiskSpec(data.toString(), "vdc")));
        var disks = parse(xml.render(spec)).getElementsByTagName("disk");
        assertEquals(2, disks.getLength());
        assertEquals("vda", ((Element) ((Element) disks.item(0)).getElementsByTagName("target").item(0)).getAttribute("dev"));
        assertEquals("vdc", ((Element) ((Element) disks.item(1)).getElementsByTagName("target").item(0)).getAttribute("dev"));
        Document device = parse(xml.diskDevice(new DiskSpec(data.toString(), "vdb")));
        assertEquals("disk", device.getDocumentElement().getTagName());
        assertEquals(data.toRealPath().toString(), ((Element) device.getElementsByTagName("source").item(0)).getAttribute("file"));

        for (String bad : new String[]{"vda", "sda", "vdb/../vda", "", "vdB"}) {
            assertInvalid(new DomainSpec(UUID, "vm", null, 128, 1, spec.boot(), null, null, List.of(),
                    List.of(new DiskSpec(data.toString(), bad))), "must be vdb");
        }
        assertInvalid(new DomainSpec(UUID, "vm", null, 128, 1, spec.boot(), null, null, List.of(),
                List.of(new DiskSpec(data.toString(), "vdb"), new DiskSpec(data.toString(), "vdb"))), "two disks are vdb");
        assertInvalid(new DomainSpec(UUID, "vm", null, 128, 1, spec.boot(), null, null, List.of(),
                List.of(new DiskSpec("/etc/shadow", "vdb"))), "is not inside an image directory");
        assertThrows(InvalidSpecException.class, () -> xml.diskDevice(new DiskSpec(images + "/../x.qcow2", "vdb")));
    }

    @Test
    void aShareableDiskIsMarkedShareableWithoutHostCacheAndMustBeRaw() throws Exception {
        Path shared = Files.write(images.resolve("0b0e6c1a-0000-4000-8000-00000000000f.raw"), new byte[16]);
        Path own = Files.write(images.resolve("own.qcow2"), new byte[16]);
        DomainSpec spec = new DomainSpec(UUID, "vm", null, 128, 1, new BootSpec(kernel.toString(), null, null, null),
                null, null, List.of(), List.of(new DiskSpec(own.toString(), "vdb"), new DiskSpec(shared.toString(), "vdc", true)));
        var disks = parse(xml.render(spec)).getElementsByTagName("disk");
        Element mine = (Element) disks.item(0);
        Element theirs = (Element) disks.item(1);
        assertEquals(0, mine.getElementsByTagName("shareable").getLength());
        assertEquals("", ((Element) mine.getElementsByTagName("driver").item(0)).getAttribute("cache"));
        assertEquals(1, theirs.getElementsByTagName("shareable").getLength());
        Element driver = (Element) theirs.getElementsByTagName("driver").item(0);
        assertEquals("raw", driver.getAttribute("type"));
        assertEquals("none", driver.getAttribute("cache"));

        Document device = parse(xml.diskDevice(new DiskSpec(shared.toString(), "vdd", true)));
        assertEquals(1, device.getElementsByTagName("shareable").getLength());
        assertEquals("none", ((Element) device.getElementsByTagName("driver").item(0)).getAttribute("cache"));
        assertThrows(InvalidSpecException.class, () -> xml.diskDevice(new DiskSpec(own.toString(), "vdd", true)));
        assertInvalid(new DomainSpec(UUID, "vm", null, 128, 1, spec.boot(), null, null, List.of(),
                List.of(new DiskSpec(own.toString(), "vdb", true))), "must be a raw volume");
    }

    @Test
    void anIsoIsAReadOnlyCdrom() throws Exception {
        Path iso = Files.write(images.resolve("install.iso"), new byte[]{'Q', 'F', 'I', (byte) 0xfb});
        DomainSpec spec = new DomainSpec(UUID, "vm", null, 128, 1, new BootSpec(kernel.toString(), null, null, null),
                null, null, List.of(), List.of(new DiskSpec(iso.toString(), "hdc")));
        Element disk = element(parse(xml.render(spec)), "disk");
        assertEquals("cdrom", disk.getAttribute("device"));
        assertEquals("raw", ((Element) disk.getElementsByTagName("driver").item(0)).getAttribute("type"),
                "an ISO is raw even with a qcow2 header");
        assertEquals("ide", ((Element) disk.getElementsByTagName("target").item(0)).getAttribute("bus"));
        assertEquals(1, disk.getElementsByTagName("readonly").getLength());
    }

    @Test
    void pathsOutsideTheImageDirsAreRejected() throws Exception {
        Path outside = Files.writeString(tmp.resolve("elsewhere"), "x");
        assertInvalid(withBoot(new BootSpec(outside.toString(), null, null, null)), "is not inside an image directory");
        assertInvalid(withBoot(new BootSpec("/etc/passwd", null, null, null)), "is not inside an image directory");
        assertInvalid(withBoot(new BootSpec(kernel.toString(), null, null, "/etc/hostname")), "boot disk /etc/hostname");
    }

    @Test
    void traversalIsRejected() {
        String sneaky = images + "/../elsewhere";
        assertInvalid(withBoot(new BootSpec(sneaky, null, null, null)), "must not contain '..'");
        assertInvalid(withBoot(new BootSpec(images + "/../images/vmlinuz", null, null, null)), "must not contain '..'");
        assertInvalid(withBoot(new BootSpec(kernel.toString(), images + "/../../etc/passwd", null, null)),
                "boot initrd");
    }

    @Test
    void symlinkPointingOutsideIsRejected() throws Exception {
        Path outside = Files.writeString(tmp.resolve("secret"), "x");
        Path link = Files.createSymbolicLink(images.resolve("innocent"), outside);
        assertInvalid(withBoot(new BootSpec(link.toString(), null, null, null)), "resolves to " + outside.toRealPath());
        Path outsideDir = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outsideDir.resolve("passwd"), "x");
        Path dirLink = Files.createSymbolicLink(images.resolve("etc"), outsideDir);
        assertInvalid(withBoot(new BootSpec(dirLink + "/passwd", null, null, null)), "is not inside an image directory");
    }

    @Test
    void symlinkInsideIsFollowed() throws Exception {
        Path link = Files.createSymbolicLink(images.resolve("current"), kernel);
        String out = xml.render(withBoot(new BootSpec(link.toString(), null, null, null)));
        assertEquals(kernel.toRealPath().toString(), text(parse(out), "kernel"));
    }

    @Test
    void missingAndRelativePathsAreRejected() {
        assertInvalid(withBoot(new BootSpec("/x", null, null, null)), "boot kernel /x does not exist");
        assertInvalid(withBoot(new BootSpec(images + "/nope", null, null, null)), "does not exist");
        assertInvalid(withBoot(new BootSpec("images/vmlinuz", null, null, null)), "is not an absolute path");
        assertInvalid(withBoot(new BootSpec(images.toString(), null, null, null)), "is not a regular file");
        assertInvalid(withBoot(null), "boot needs a kernel or a disk image");
        assertInvalid(withBoot(new BootSpec(null, initrd.toString(), null, images + "/x")), "need a kernel");
    }

    @Test
    void limitsAreChecked() {
        var boot = spec("vm", null).boot();
        assertInvalid(new DomainSpec(null, "vm", null, 128, 1, boot, null), "uuid is missing");
        assertInvalid(new DomainSpec(" ", "vm", null, 128, 1, boot, null), "uuid is missing");
        assertInvalid(new DomainSpec("../../etc", "vm", null, 128, 1, boot, null), "is not a UUID");
        assertInvalid(new DomainSpec(UUID, "vm", null, 15, 1, boot, null), "memory 15 MiB");
        assertInvalid(new DomainSpec(UUID, "vm", null, 1024 * 1024 + 1, 1, boot, null), "memory");
        assertInvalid(new DomainSpec(UUID, "vm", null, 128, 0, boot, null), "vcpus 0");
        assertInvalid(new DomainSpec(UUID, "vm", null, 128, 257, boot, null), "vcpus 257");
        assertInvalid(new DomainSpec(UUID, "x".repeat(257), null, 128, 1, boot, null), "longer than 256");
        assertInvalid(new DomainSpec(UUID, "", null, 128, 1, boot, null), "name is missing");
        assertInvalid(new DomainSpec(UUID, "a\u0000b", null, 128, 1, boot, null), "control character U+0000");
        assertInvalid(new DomainSpec(UUID, "a\nb", null, 128, 1, boot, null), "control character U+000A");
        assertInvalid(new DomainSpec(UUID, "vm", "a\u001bb", 128, 1, boot, null), "description contains");
        assertInvalid(new DomainSpec(UUID, "vm", "lone \uD800 surrogate", 128, 1, boot, null), "invalid character");
        assertDoesNotThrow(() -> xml.render(new DomainSpec(UUID, "x".repeat(256), null, 16, 256, boot, null)));
    }

    @Test
    void cmdlineIsChecked() {
        assertInvalid(withBoot(new BootSpec(kernel.toString(), null, "a".repeat(1025), null)), "longer than 1024");
        assertInvalid(withBoot(new BootSpec(kernel.toString(), null, "console=ttyS0\ninit=/bin/sh", null)), "newlines");
        assertDoesNotThrow(() -> xml.render(withBoot(new BootSpec(kernel.toString(), null, "a".repeat(1024), null))));
    }

    DomainSpec withNics(NicSpec... nics) {
        return new DomainSpec(UUID, "vm", null, 128, 1, spec("vm", null).boot(), null, null, List.of(nics));
    }

    @Test
    void nicsBecomeBridgeInterfaces() throws Exception {
        Document doc = parse(xml.render(withNics(new NicSpec("56:6F:00:00:00:01", "vireobr0", "virtio", 1500),
                new NicSpec("56:6f:00:00:00:02", "ovs_vm.10", "e1000", 9000))));
        var interfaces = doc.getElementsByTagName("interface");
        assertEquals(2, interfaces.getLength());
        Element first = (Element) interfaces.item(0);
        assertEquals("bridge", first.getAttribute("type"));
        assertEquals("56:6f:00:00:00:01", ((Element) first.getElementsByTagName("mac").item(0)).getAttribute("address"));
        assertEquals("vireobr0", ((Element) first.getElementsByTagName("source").item(0)).getAttribute("bridge"));
        assertEquals("virtio", ((Element) first.getElementsByTagName("model").item(0)).getAttribute("type"));
        assertEquals("1500", ((Element) first.getElementsByTagName("mtu").item(0)).getAttribute("size"));
        Element second = (Element) interfaces.item(1);
        assertEquals("ovs_vm.10", ((Element) second.getElementsByTagName("source").item(0)).getAttribute("bridge"));
        assertEquals("e1000", ((Element) second.getElementsByTagName("model").item(0)).getAttribute("type"));
        assertEquals("9000", ((Element) second.getElementsByTagName("mtu").item(0)).getAttribute("size"));
        assertEquals(0, parse(xml.render(spec("vm", null))).getElementsByTagName("interface").getLength(),
                "a spec without NICs has none");
    }

    @Test
    void aNicOnAnOvsBridgeIsAnOpenvswitchVirtualportWithItsVlanTag() throws Exception {
        Document doc = parse(xml.render(withNics(new NicSpec("56:6f:00:00:00:01", "ovslab", "virtio", 1500,
                "openvswitch", 42), new NicSpec("56:6f:00:00:00:02", "vireobr0", "virtio", 1500))));
        var interfaces = doc.getElementsByTagName("interface");
        Element ovs = (Element) interfaces.item(0);
        assertEquals("openvswitch", ((Element) ovs.getElementsByTagName("virtualport").item(0)).getAttribute("type"));
        assertEquals("42", ((Element) ovs.getElementsByTagName("tag").item(0)).getAttribute("id"));
        assertEquals(0, ((Element) interfaces.item(1)).getElementsByTagName("virtualport").getLength());
        assertInvalid(withNics(new NicSpec("56:6f:00:00:00:01", "ovslab", "virtio", 1500, "openvswitch", 5000)),
                "nic 0 VLAN 5000");
        assertInvalid(withNics(new NicSpec("56:6f:00:00:00:01", "ovslab", "virtio", 1500, "midonet", null)),
                "nic 0 virtualport");
    }

    @Test
    void aHotPluggedNicIsTheSameInterfaceElementTheDomainHasAndHostileFieldsAreRefused() throws Exception {
        NicSpec ovs = new NicSpec("56:6F:00:00:00:03", "ovslab", "virtio", 1400, "openvswitch", 42);
        Document device = parse(xml.nicDevice(ovs));
        Element iface = device.getDocumentElement();
        assertEquals("interface", iface.getTagName());
        assertEquals("bridge", iface.getAttribute("type"));
        assertEquals("56:6f:00:00:00:03", ((Element) iface.getElementsByTagName("mac").item(0)).getAttribute("address"));
        assertEquals("ovslab", ((Element) iface.getElementsByTagName("source").item(0)).getAttribute("bridge"));
        assertEquals("openvswitch", ((Element) iface.getElementsByTagName("virtualport").item(0)).getAttribute("type"));
        assertEquals("42", ((Element) iface.getElementsByTagName("tag").item(0)).getAttribute("id"));
        assertEquals("1400", ((Element) iface.getElementsByTagName("mtu").item(0)).getAttribute("size"));
        // the very element a started domain gets for that NIC
        Element inDomain = (Element) parse(xml.render(withNics(ovs))).getElementsByTagName("interface").item(0);
        assertEquals(shape(inDomain), shape(iface), "same element in the domain and for the hot-plug");

        for (NicSpec bad : new NicSpec[]{null,
                new NicSpec("56:6f:00:00:00:01'/><source bridge='virbr0", "vireobr0", "virtio", 1500),
                new NicSpec("56:6f:00:00:00:01", "br0'/><x y='", "virtio", 1500),
                new NicSpec("56:6f:00:00:00:01", "vireobr0", "virtio'/><x", 1500),
                new NicSpec("56:6f:00:00:00:01", "vireobr0", "virtio", 9001),
                new NicSpec("56:6f:00:00:00:01", "ovslab", "virtio", 1500, "openvswitch", 4095)}) {
            var e = assertThrows(InvalidSpecException.class, () -> xml.nicDevice(bad), String.valueOf(bad));
            assertTrue(e.getMessage().startsWith("nic "), e.getMessage());
        }
    }

    /** an element's tags and attributes, its children's in order; no whitespace (the indentation differs) */
    static String shape(Element e) {
        StringBuilder b = new StringBuilder("<").append(e.getTagName());
        var attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            b.append(' ').append(attributes.item(i).getNodeName()).append('=').append(attributes.item(i).getNodeValue());
        }
        b.append('>');
        for (var child = e.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element c) {
                b.append(shape(c));
            }
        }
        return b.append("</").append(e.getTagName()).append('>').toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "56:6f:00:00:00", "56:6f:00:00:00:01:02", "56-6f-00-00-00-01", "56:6f:00:00:00:0g",
            "57:6f:00:00:00:01", "ff:ff:ff:ff:ff:ff", "56:6f:00:00:00:01'/><source bridge='virbr0",
            "56:6f:00:00:00:01\n", " 56:6f:00:00:00:01"})
    void hostileMacsAreRejected(String mac) {
        assertInvalid(withNics(new NicSpec(mac, "vireobr0", "virtio", 1500)), "nic 0 MAC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a-bridge-name-of-16", "br0 ", "br/0", "../../etc", ".", "..", "br0'/><x y='",
            "br\u0000", "brü", "$(reboot)"})
    void hostileBridgesAreRejected(String bridge) {
        assertInvalid(withNics(new NicSpec("56:6f:00:00:00:01", bridge, "virtio", 1500)), "nic 0 bridge");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "VIRTIO", "ne2k_pci", "virtio'/><x", "e1000 "})
    void unknownModelsAreRejected(String model) {
        assertInvalid(withNics(new NicSpec("56:6f:00:00:00:01", "vireobr0", model, 1500)), "nic 0 model");
    }

    @Test
    void nicLimitsAreChecked() {
        assertInvalid(withNics(new NicSpec(null, "vireobr0", "virtio", 1500)), "nic 0 MAC");
        assertInvalid(withNics(new NicSpec("56:6f:00:00:00:01", null, "virtio", 1500)), "nic 0 bridge");
        assertInvalid(withNics(new NicSpec("56:6f:00:00:00:01", "vireobr0", null, 1500)), "nic 0 model");
        assertInvalid(withNics(new NicSpec("56:6f:00:00:00:01", "vireobr0", "virtio", 67)), "nic 0 MTU 67");
        assertInvalid(withNics(new NicSpec("56:6f:00:00:00:01", "vireobr0", "virtio", 9001)), "nic 0 MTU 9001");
        assertInvalid(withNics(new NicSpec("56:6f:00:00:00:01", "vireobr0", "virtio", 1500),
                new NicSpec("56:6F:00:00:00:01", "vireobr0", "virtio", 1500)), "nic 1 MAC 56:6F:00:00:00:01 is invalid");
        NicSpec[] seventeen = new NicSpec[17];
        for (int i = 0; i < seventeen.length; i++) {
            seventeen[i] = new NicSpec(String.format("56:6f:00:00:00:%02x", i), "vireobr0", "virtio", 1500);
        }
        assertInvalid(withNics(seventeen), "at most 16 NICs");
        assertDoesNotThrow(() -> xml.render(withNics(java.util.Arrays.copyOf(seventeen, 16))));
    }

    void assertInvalid(DomainSpec spec, String expected) {
        var e = assertThrows(InvalidSpecException.class, () -> xml.render(spec));
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
