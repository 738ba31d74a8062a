package dev.vireo.agent.libvirt;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DomainInventoryTest {

    @Test
    void vncPortFromLiveXml() {
        assertEquals(5901, DomainInventory.vncPort("<domain><devices><graphics type='spice' port='5900'/>"
                + "<graphics type='vnc' port='5901' autoport='yes'/></devices></domain>"));
        assertEquals(-1, DomainInventory.vncPort("<domain><devices><graphics type='vnc' port='-1'/></devices></domain>"));
        assertEquals(-1, DomainInventory.vncPort("<domain><devices/></domain>"));
    }

    @Test
    void versionsAndCpuModel() {
        assertEquals("10.0.0", HostFactsCollector.version(10_000_000));
        assertEquals("9.0.0", HostFactsCollector.version(9_000_000));
        assertEquals("7.2.11", HostFactsCollector.version(7_002_011));
        assertEquals("Skylake-Client-IBRS", HostFactsCollector.cpuModelFromCapabilities(
                "<capabilities><host><uuid>x</uuid><cpu><arch>x86_64</arch><model>Skylake-Client-IBRS</model></cpu></host>"
                        + "<guest><arch name='x86_64'><domain type='qemu'><cpu><model>other</model></cpu></domain></arch></guest>"
                        + "</capabilities>"));
        assertEquals(null, HostFactsCollector.cpuModelFromCapabilities("<capabilities><host><cpu/></host></capabilities>"));
    }
}
