package dev.vireo.agent.libvirt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The host's memory from the kernel ({@code /proc/meminfo}) when libvirt drives this very machine. libvirt's
 * nodeInfo and free-memory calls count NUMA cells, and on some hosts they see only part of the memory
 * (seen on the CI machines: 8.3 of 23.6 GiB), which would make the scheduler refuse VMs that fit.
 */
final class HostMemory {
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private HostMemory() {
    }

    /** True for URIs that reach the local hypervisor ({@code qemu:///system}), not a remote or test one. */
    static boolean isLocal(String uri) {
        return uri != null && uri.matches("(qemu|kvm)(\\+unix)?:///.*");
    }

    static OptionalLong totalMiB() {
        return field("MemTotal:");
    }

    static OptionalLong availableMiB() {
        return field("MemAvailable:");
    }

    static OptionalLong field(String name) {
        try {
            for (String line : Files.readAllLines(MEMINFO)) {
                if (line.startsWith(name)) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall back to libvirt's figures
        }
        return OptionalLong.empty();
    }
}
