package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A host that may take the VM: its weighted total and each weight unit's score (unit name → score). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RankedHost(String hostId, String hostName, Double total, Map<String, Double> scores) {

    public RankedHost {
        scores = scores == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    }

    /** The host's name, or its id when the engine sent no name. */
    public String host() {
        return hostName == null || hostName.isBlank() ? hostId : hostName;
    }
}
