package dev.vireo.protocol;

import java.util.List;

/** What an agent knows about its host, sent on every connect. */
public record HostFacts(String hostname, String cpuModel, int cpuCount, long memoryMiB,
                        String libvirtVersion, String qemuVersion, String libvirtUri, String domainType,
                        List<String> imageDirs, String agentVersion) {
}
