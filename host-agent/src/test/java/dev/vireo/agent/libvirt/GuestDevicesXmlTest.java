package dev.vireo.agent.libvirt;

import dev.vireo.protocol.BootSpec;
import dev.vireo.protocol.CloudInitSpec;
import dev.vireo.protocol.DomainSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What real operating systems add to a domain: the guest agent's channel, the cidata CD-ROM, the guest CPU. */
class GuestDevicesXmlTest {
    static final String UUID = "0b0e6c1a-0000-4000-8000-000000000002";

    @TempDir
    Path tmp;
    Path images;
    DomainXml xml;
    BootSpec boot;

    @BeforeEach
    void setUp() throws Exception {
        images = Files.createDirectories(tmp.resolve("images"));
        Path kernel = Files.writeString(images.resolve("vmlinuz"), "kernel");
        boot = new BootSpec(kernel.toString(), null, "root=/dev/vda", null);
        xml = new DomainXml(new HostSettings("qemu", List.of(images), tmp.resolve("logs"), "0.0.0.0"));
    }

    private DomainSpec spec(CloudInitSpec seed, String cpu) {
        return new DomainSpec(UUID, "vm", null, 512, 1, boot, null, null, List.of(), List.of(), seed, cpu);
    }

    private static Element only(Document doc, String tag) {
        assertEquals(1, doc.getElementsByTagName(tag).getLength(), "exactly one <" + tag + ">");
        return (Element) doc.getElementsByTagName(tag).item(0);
    }

    @Test
    void everyDomainHasTheGuestAgentsChannelAndNoCpuElementByDefault() throws Exception {
        Document doc = DomainXmlTest.parse(xml.render(spec(null, null)));
        Element channel = only(doc, "channel");
        assertEquals("unix", channel.getAttribute("type"));
        Element target = (Element) channel.getElementsByTagName("target").item(0);
        assertEquals("virtio", target.getAttribute("type"));
        assertEquals("org.qemu.guest_agent.0", target.getAttribute("name"));
        assertEquals(0, doc.getElementsByTagName("cpu").getLength(), "the hypervisor's default CPU");
        assertEquals(0, doc.getElementsByTagName("disk").getLength(), "no cidata volume without a seed");
    }

    @Test
    void aSeedIsTheSecondCdromReadOnly() throws Exception {
        Document doc = DomainXmlTest.parse(xml.render(spec(new CloudInitSpec("#cloud-config\n", "instance-id: x\n", null), null)));
        Element disk = only(doc, "disk");
        assertEquals("cdrom", disk.getAttribute("device"));
        assertEquals(images.resolve("cidata/vireo-" + UUID + ".iso").toString(),
                ((Element) disk.getElementsByTagName("source").item(0)).getAttribute("file"));
        assertEquals("hdd", ((Element) disk.getElementsByTagName("target").item(0)).getAttribute("dev"));
        assertEquals(1, disk.getElementsByTagName("readonly").getLength());
    }

    @Test
    void aNamedCpuModelMustBeThereInFullAndModesAreModes() throws Exception {
        Element named = only(DomainXmlTest.parse(xml.render(spec(null, "Haswell-noTSX"))), "cpu");
        assertEquals("custom", named.getAttribute("mode"));
        assertEquals("exact", named.getAttribute("match"));
        Element model = (Element) named.getElementsByTagName("model").item(0);
        assertEquals("Haswell-noTSX", model.getTextContent());
        assertEquals("forbid", model.getAttribute("fallback"));
        for (String mode : List.of("host-model", "host-passthrough", "maximum")) {
            Element cpu = only(DomainXmlTest.parse(xml.render(spec(null, mode))), "cpu");
            assertEquals(mode, cpu.getAttribute("mode"));
            assertEquals(0, cpu.getElementsByTagName("model").getLength());
        }
    }

    @Test
    void aHostileCpuModelIsRefused() {
        for (String hostile : List.of("qemu64'/><devices>", "a b", "", "-x", "x".repeat(65))) {
            InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> xml.render(spec(null, hostile)), hostile);
            assertTrue(e.getMessage().contains("is not a model name"), e.getMessage());
        }
    }

    @Test
    void domainCapabilitiesGiveTheUsableModelsAndSupportedModes() {
        String caps = """
                <domainCapabilities><path>/usr/bin/qemu-system-x86_64</path><domain>qemu</domain>
                  <cpu>
                    <mode name='host-passthrough' supported='no'/>
                    <mode name='maximum' supported='yes'><enum name='maximumMigratable'/></mode>
                    <mode name='host-model' supported='yes'><model fallback='forbid'>qemu64</model></mode>
                    <mode name='custom' supported='yes'>
                      <model usable='yes' vendor='unknown'>qemu64</model>
                      <model usable='no' vendor='Intel'>Skylake-Server</model>
                      <model usable='yes' vendor='Intel'>Nehalem</model>
                      <model usable='yes'>bad name/&gt;</model>
                    </mode>
                  </cpu>
                  <devices><disk><enum name='diskDevice'><value>disk</value></enum></disk></devices>
                </domainCapabilities>""";
        assertEquals(List.of("maximum", "host-model", "qemu64", "Nehalem"), CpuModels.parse(caps));
        assertEquals(null, CpuModels.parse("<not-xml"));
    }
}
