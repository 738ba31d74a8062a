package dev.vireo.agent.libvirt;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class HostMemoryTest {

    @Test
    void onlyLocalHypervisorUrisReadTheKernel() {
        assertTrue(HostMemory.isLocal("qemu:///system"));
        assertTrue(HostMemory.isLocal("qemu+unix:///system"));
        assertFalse(HostMemory.isLocal("qemu+tcp://10.0.0.1/system"));
        assertFalse(HostMemory.isLocal("test:///default"));
    }

    @Test
    void readsMemTotalAndAvailableInMiB() {
        long total = HostMemory.totalMiB().orElseThrow();
        long available = HostMemory.availableMiB().orElseThrow();
        assertTrue(total > 64, "total " + total);
        assertTrue(available > 0 && available <= total, available + " of " + total);
    }
}
