package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;

/** A hypervisor host as {@code GET /api/v1/hosts} lists it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Host(
        String id,
        String name,
        String clusterId,
        HostStatus status,
        String cpuModel,
        Integer cpuCount,
        Long memoryMiB,
        Long freeMemoryMiB,
        String domainType,
        String libvirtVersion,
        String qemuVersion,
        String libvirtUri,
        String migrationUri,
        java.util.List<String> imageDirs,
        String agentVersion,
        OffsetDateTime lastHeartbeat,
        Integer runningVms,
        Boolean connected) {
}
