package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** How a VM boots: direct kernel boot (kernel, initrd, cmdline) and/or a disk image. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BootSpec(String kernel, String initrd, String cmdline, String diskImage) {
}
