package dev.vireo.engine.hostnetwork;

import dev.vireo.protocol.HostNic;

/** A host interface as the API shows it: kind nic, bond or bridge; which bond and bridge hold it. */
public record HostNicView(String name, String kind, String mac, Integer speedMbps, String linkState, boolean up,
                          String bond, String bridge) {

    static HostNicView of(HostNic n) {
        return new HostNicView(n.name(), n.kind(), n.mac(), n.speedMbps(), n.linkState(), n.up(), n.bond(), n.bridge());
    }
}
