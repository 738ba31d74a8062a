package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A template new VMs are made from ({@code GET /templates}): its OS, default size and base disk's size. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Template(String id, String name, String description, String osName, int memoryMiB, int vcpus,
                       Long diskSizeBytes) {
}
