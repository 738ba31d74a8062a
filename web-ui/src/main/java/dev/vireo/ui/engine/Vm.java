package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;

/** A virtual machine as the engine returns it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Vm(
        String id,
        String name,
        String description,
        String clusterId,
        VmStatus status,
        DesiredState desiredState,
        String hostId,
        String hostName,
        Long memoryMiB,
        Integer vcpus,
        BootSpec boot,
        String owner,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
