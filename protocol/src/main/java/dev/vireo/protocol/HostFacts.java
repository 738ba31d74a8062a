package dev.vireo.protocol;

import java.util.List;

/**
 * What an agent knows about its host, sent on every connect.
 *
 * @param migrationUri the libvirt URI other hosts use to migrate VMs here, or null if it takes none
 * @param nics         the host's network interfaces, or null when the agent does not report them
 * @param cpuModels    the CPU models a VM may ask for here (host-model, host-passthrough, maximum, named models
 *                     libvirt marks usable); null when the agent or libvirt cannot tell
 */
public record HostFacts(String hostname, String cpuModel, int cpuCount, long memoryMiB,
                        String libvirtVersion, String qemuVersion, String libvirtUri, String domainType,
                        List<String> imageDirs, String agentVersion, String migrationUri, List<HostNic> nics,
                        List<String> cpuModels) {

    public HostFacts(String hostname, String cpuModel, int cpuCount, long memoryMiB, String libvirtVersion,
                     String qemuVersion, String libvirtUri, String domainType, List<String> imageDirs,
                     String agentVersion, String migrationUri, List<HostNic> nics) {
        this(hostname, cpuModel, cpuCount, memoryMiB, libvirtVersion, qemuVersion, libvirtUri, domainType, imageDirs,
                agentVersion, migrationUri, nics, null);
    }

    /** The same facts with these NICs. */
    public HostFacts withNics(List<HostNic> newNics) {
        return new HostFacts(hostname, cpuModel, cpuCount, memoryMiB, libvirtVersion, qemuVersion, libvirtUri, domainType,
                imageDirs, agentVersion, migrationUri, newNics, cpuModels);
    }

    public HostFacts(String hostname, String cpuModel, int cpuCount, long memoryMiB, String libvirtVersion,
                     String qemuVersion, String libvirtUri, String domainType, List<String> imageDirs,
                     String agentVersion, String migrationUri) {
        this(hostname, cpuModel, cpuCount, memoryMiB, libvirtVersion, qemuVersion, libvirtUri, domainType, imageDirs,
                agentVersion, migrationUri, null);
    }

    public HostFacts(String hostname, String cpuModel, int cpuCount, long memoryMiB, String libvirtVersion,
                     String qemuVersion, String libvirtUri, String domainType, List<String> imageDirs,
                     String agentVersion) {
        this(hostname, cpuModel, cpuCount, memoryMiB, libvirtVersion, qemuVersion, libvirtUri, domainType, imageDirs,
                agentVersion, null);
    }
}
