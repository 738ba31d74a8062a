package dev.vireo.engine.hostnetwork;

import dev.vireo.protocol.HostNic;
import dev.vireo.protocol.Json;

import java.util.Set;
import java.util.stream.Collectors;

/** The bridges (Linux or OVS) a host carries networks on, from its last NIC report: what the scheduler's network filter checks. */
public final class HostBridges {
    private HostBridges() {
    }

    /** @return null when the host has not reported its NICs (the filter does not judge it), else its bridges */
    public static Set<String> of(String nicsJson) {
        if (nicsJson == null) {
            return null;
        }
        try {
            return Json.readList(nicsJson, HostNic.class).stream().filter(n -> "bridge".equals(n.kind()))
                    .map(HostNic::name).collect(Collectors.toUnmodifiableSet());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
