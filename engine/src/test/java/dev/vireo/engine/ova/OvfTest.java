package dev.vireo.engine.ova;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OVF descriptors written and read back, and the descriptors a hostile or sloppy tool could produce. */
class OvfTest {
    private static final OvfDescriptor VM = new OvfDescriptor("web-1", "a <b>bold</b> & \"quoted\" VM", 256, 2,
            List.of(new OvfDescriptor.DiskRef("disk1.vmdk", 12345, 64L << 20, "vmdk")),
            new OvfDescriptor.Boot("/var/lib/vireo/images/kit/vmlinuz", "/var/lib/vireo/images/kit/initrd.gz", "console=ttyS0"));

    private static String fail(String xml) {
        return assertThrows(OvaException.class, () -> OvfReader.read(xml.getBytes(StandardCharsets.UTF_8))).getMessage();
    }

    private static String envelope(String disk, String items) {
        return "<Envelope xmlns='http://schemas.dmtf.org/ovf/envelope/1' xmlns:ovf='http://schemas.dmtf.org/ovf/envelope/1'"
                + " xmlns:rasd='http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData'>"
                + "<References><File ovf:id='f1' ovf:href='" + disk + "'/></References>"
                + "<DiskSection><Info/><Disk ovf:diskId='d1' ovf:fileRef='f1' ovf:capacity='1' ovf:capacityAllocationUnits='byte * 2^30'"
                + " ovf:format='http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized'/></DiskSection>"
                + "<VirtualSystem ovf:id='imported'><Info/><VirtualHardwareSection><Info/>" + items
                + "</VirtualHardwareSection></VirtualSystem></Envelope>";
    }

    private static final String CPU = "<Item><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>1</rasd:VirtualQuantity></Item>";
    private static final String MEMORY = "<Item><rasd:AllocationUnits>MegaBytes</rasd:AllocationUnits><rasd:ResourceType>4</rasd:ResourceType>"
            + "<rasd:VirtualQuantity>128</rasd:VirtualQuantity></Item>";

    @Test
    void aDescriptorReadsBackAsWritten() {
        byte[] xml = OvfWriter.write(VM);
        assertEquals(VM, OvfReader.read(xml));
        String text = new String(xml, StandardCharsets.UTF_8);
        assertTrue(text.contains("&lt;b&gt;bold&lt;/b&gt; &amp;"), "user text is a text node: " + text);
        assertTrue(text.contains("vmdk.html#streamOptimized"), text);
    }

    @Test
    void anotherToolsDescriptorIsRead() {
        OvfDescriptor d = OvfReader.read(envelope("disk1.vmdk", CPU + MEMORY).getBytes(StandardCharsets.UTF_8));
        assertEquals("imported", d.name());
        assertEquals(128, d.memoryMiB());
        assertEquals(1, d.vcpus());
        assertEquals(List.of(new OvfDescriptor.DiskRef("disk1.vmdk", -1, 1L << 30, "vmdk")), d.disks());
        assertEquals(null, d.boot());
        String ovf2 = envelope("disk1.vmdk", CPU + MEMORY).replace("envelope/1", "envelope/2");
        assertEquals(128, OvfReader.read(ovf2.getBytes(StandardCharsets.UTF_8)).memoryMiB());
    }

    @Test
    void externalEntitiesAndDoctypesAreRefused() {
        assertTrue(fail("<?xml version='1.0'?><!DOCTYPE e [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><Envelope>&x;</Envelope>")
                .contains("not valid XML"));
        assertTrue(fail("<!DOCTYPE e [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;&a;'>]><Envelope>&b;</Envelope>")
                .contains("DOCTYPE"));
    }

    @Test
    void malformedOrIncompleteDescriptorsAreRefusedWithTheReason() {
        assertTrue(fail("this is not XML").contains("not valid XML"));
        assertTrue(fail("<Envelope/>").contains("not an OVF envelope"));
        assertTrue(fail(envelope("disk1.vmdk", MEMORY)).contains("no processor item"));
        assertTrue(fail(envelope("disk1.vmdk", CPU)).contains("no memory item"));
        assertTrue(fail(envelope("disk1.vmdk", CPU + MEMORY).replaceAll("<VirtualSystem.*</VirtualSystem>", ""))
                .contains("no VirtualSystem"));
        assertTrue(fail(envelope("disk1.vmdk", CPU.replace(">1<", ">many<") + MEMORY)).contains("not a whole number"));
        assertTrue(fail(envelope("disk1.vmdk", CPU + MEMORY.replace("MegaBytes", "parsecs"))).contains("allocation units"));
        assertTrue(fail(envelope("disk1.vmdk", CPU + MEMORY).replace("vmdk.html#streamOptimized", "vhd"))
                .contains("vmdk and qcow2"));
        assertTrue(fail(envelope("disk1.vmdk", CPU + MEMORY).replace("ovf:fileRef='f1'", "ovf:fileRef='f9'"))
                .contains("References does not list"));
        assertTrue(fail(new String(new byte[OvfReader.MAX_BYTES + 1])).contains("at most"));
    }

    @Test
    void impossibleSizesAreRefused() {
        assertTrue(fail(envelope("disk1.vmdk", CPU.replace(">1<", ">1000<") + MEMORY)).contains("vCPU count is 1000"));
        assertTrue(fail(envelope("disk1.vmdk", CPU + MEMORY.replace(">128<", ">4<"))).contains("16 to 1048576"));
        assertTrue(fail(envelope("disk1.vmdk", CPU + MEMORY.replace(">128<", ">99999999999999999<"))).contains("memory"));
        assertTrue(fail(envelope("disk1.vmdk", CPU + MEMORY).replace("ovf:capacity='1'", "ovf:capacity='20000000'"))
                .contains("at most 1 PiB"));
        assertTrue(fail(envelope("disk1.vmdk", CPU + MEMORY).replace("ovf:capacity='1'", "ovf:capacity='-5'"))
                .contains("capacity"));
    }

    @Test
    void fileReferencesThatLeaveTheArchiveAreRefused() {
        for (String href : List.of("../../etc/passwd", "/etc/passwd", "sub/disk.vmdk", "..", ".hidden", "a\\b.vmdk")) {
            assertTrue(fail(envelope(href, CPU + MEMORY)).contains("escape the archive"), href);
        }
        assertTrue(fail(envelope("disk 1.vmdk", CPU + MEMORY)).contains("letters, digits"));
    }
}
