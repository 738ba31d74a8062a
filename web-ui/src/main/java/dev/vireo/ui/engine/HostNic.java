package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A host interface as its agent reports it: kind nic, bond or bridge; the bond and bridge that hold it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HostNic(String name, String kind, String mac, Integer speedMbps, String linkState, boolean up,
                      String bond, String bridge) {

    public boolean nic() {
        return "nic".equals(kind);
    }
}
