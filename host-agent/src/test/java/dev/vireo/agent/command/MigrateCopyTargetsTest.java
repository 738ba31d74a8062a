package dev.vireo.agent.command;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which disks a migration copying non-shared storage names to libvirt (migrate_disks), from a running domain of
 * libvirt's test:///default driver: only the volumes the engine listed, by their guest device; a volume that is
 * no disk of the domain, or a shareable disk, is refused before libvirt is asked. (The lab's
 * NonSharedMigrationTest copies for real.)
 */
class MigrateCopyTargetsTest {
    static Connect libvirt;
    static Domain domain;

    @BeforeAll
    static void define() throws Exception {
        libvirt = new Connect("test:///default");
        domain = libvirt.domainCreateXML("""
                <domain type='test'>
                  <name>copy-targets</name><uuid>%s</uuid><memory unit='MiB'>128</memory><vcpu>1</vcpu>
                  <os><type>hvm</type></os>
                  <devices>
                    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
                      <source file='/var/lib/libvirt/local/a.qcow2'/>
                      <backingStore type='file'><format type='qcow2'/><source file='/var/lib/vireo/base.qcow2'/></backingStore>
                      <target dev='vda' bus='virtio'/></disk>
                    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
                      <source file='/var/lib/vireo/images/domains/default/b.qcow2'/><target dev='vdb' bus='virtio'/></disk>
                    <disk type='file' device='disk'><driver name='qemu' type='raw' cache='none'/>
                      <source file='/var/lib/libvirt/local/c.raw'/><target dev='vdc' bus='virtio'/><shareable/></disk>
                  </devices>
                </domain>""".formatted(UUID.randomUUID()), 0);
    }

    @AfterAll
    static void close() throws Exception {
        domain.destroy();
        libvirt.close();
    }

    @Test
    void onlyTheListedVolumesAreCopied() throws Exception {
        assertEquals(List.of(), MigrateDomain.copiedTargets(domain, List.of()));
        assertEquals(List.of("vda"), MigrateDomain.copiedTargets(domain, List.of("/var/lib/libvirt/local/a.qcow2")));
        // a backing file is no disk of its own
        CommandFailure backing = assertThrows(CommandFailure.class,
                () -> MigrateDomain.copiedTargets(domain, List.of("/var/lib/vireo/base.qcow2")));
        assertTrue(backing.getMessage().contains("is not a disk of copy-targets"), backing.getMessage());
        assertEquals(List.of("vda", "vdb"), MigrateDomain.copiedTargets(domain,
                List.of("/var/lib/libvirt/local/./a.qcow2", "/var/lib/vireo/images/domains/default/b.qcow2")));
    }

    @Test
    void aShareableDiskIsNeverCopied() {
        CommandFailure refused = assertThrows(CommandFailure.class,
                () -> MigrateDomain.copiedTargets(domain, List.of("/var/lib/libvirt/local/c.raw")));
        assertTrue(refused.getMessage().contains("vdc") && refused.getMessage().contains("shareable"), refused.getMessage());
    }
}
