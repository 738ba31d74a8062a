package dev.vireo.engine.vms;

import dev.vireo.engine.api.ObjectName;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** {@code POST /api/v1/vms}. Limits are the engine's sanity bounds; hosts may be smaller. */
public record CreateVmRequest(
        @ObjectName
        String name,
        @Size(max = 1024)
        @Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*",
                message = "must not contain control characters")
        String description,
        @NotNull @Min(value = 16, message = "must be at least 16 (MiB)") @Max(value = 1_048_576, message = "must be at most 1048576 (1 TiB)")
        Integer memoryMiB,
        @NotNull @Min(1) @Max(256)
        Integer vcpus,
        UUID clusterId,
        @Valid BootRequest boot,
        Boolean highlyAvailable,
        /** clone the VM from this template (its boot and disk); then {@code boot} must be absent */
        UUID templateId,
        /** THIN (default: a copy-on-write layer over the template's disk, instant) or FULL (a copy) */
        CloneMode cloneMode,
        /** who may log in and how the guest is addressed, given to it as a NoCloud cidata volume; absent: none */
        @Valid dev.vireo.engine.cloudinit.CloudInitRequest cloudInit,
        /** its guest CPU (host-model, host-passthrough, maximum or a named libvirt model); absent: its cluster's CPU type */
        @Pattern(regexp = CPU_MODEL, message = "must be a CPU model name (letters, digits, '-', '_', '.'; at most 64)")
        String cpuModel) {

    public static final String CPU_MODEL = dev.vireo.protocol.DomainSpec.CPU_MODEL_NAME;

    public enum CloneMode {
        THIN, FULL
    }

    public record BootRequest(
            @Size(max = 1024) String kernel,
            @Size(max = 1024) String initrd,
            @Size(max = 1024) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters") String cmdline,
            @Size(max = 1024) String diskImage) {
    }
}
