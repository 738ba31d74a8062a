package dev.vireo.engine.hosts;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public record HostView(UUID id, String name, UUID clusterId, HostStatus status, String cpuModel, Integer cpuCount,
                       Long memoryMiB, Long freeMemoryMiB, String domainType, String libvirtVersion,
                       String qemuVersion, String libvirtUri, String migrationUri, List<String> imageDirs, String agentVersion,
                       OffsetDateTime lastHeartbeat, long runningVms, boolean connected, List<String> cpuModels) {
    static HostView of(Host h, long runningVms, boolean connected) {
        return new HostView(h.id, h.name, h.clusterId, h.status, h.cpuModel, h.cpuCount, h.memoryMiB,
                h.freeMemoryMiB, h.domainType, h.libvirtVersion, h.qemuVersion, h.libvirtUri, h.migrationUri, h.imageDirList(),
                h.agentVersion, h.lastHeartbeat, runningVms, connected,
                h.cpuModels == null ? null : Host.cpuModelSet(h.cpuModels).stream().sorted().toList());
    }
}
