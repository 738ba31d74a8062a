package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A host that may not take the VM: the filter unit that refused it (e.g. {@code memory}) and why. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RejectedHost(String hostId, String hostName, String unit, String reason) {

    /** The host's name, or its id when the engine sent no name. */
    public String host() {
        return hostName == null || hostName.isBlank() ? hostId : hostName;
    }
}
