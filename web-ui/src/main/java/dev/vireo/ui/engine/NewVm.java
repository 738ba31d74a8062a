package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of {@code POST /api/v1/vms}; the engine validates it and answers with a problem if it is wrong. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewVm(
        String name,
        long memoryMiB,
        int vcpus,
        String description,
        String clusterId,
        BootSpec boot) {

    public NewVm(String name, long memoryMiB, int vcpus) {
        this(name, memoryMiB, vcpus, null, null, null);
    }
}
