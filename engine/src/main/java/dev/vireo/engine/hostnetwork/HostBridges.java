package dev.vireo.engine.hostnetwork;

import dev.vireo.protocol.HostNic;
import dev.vireo.protocol.Json;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The bridges (Linux or OVS) a host carries networks on, from its last NIC report: what the scheduler's network filter checks. */
public final class HostBridges {
    /** Parsed reports by their text: every placement batch reads every host's report, which rarely changes. */
    private static final Map<String, Set<String>> PARSED = new ConcurrentHashMap<>();
    private static final int PARSED_MAX = 20_000;
    private static final Set<String> UNREADABLE = Set.of("\0unreadable");

    private HostBridges() {
    }

    /** @return null when the host has not reported its NICs (the filter does not judge it), else its bridges */
    public static Set<String> of(String nicsJson) {
        if (nicsJson == null) {
            return null;
        }
        Set<String> known = PARSED.get(nicsJson);
        if (known == null) {
            if (PARSED.size() >= PARSED_MAX) {
                PARSED.clear();
            }
            known = parse(nicsJson);
            PARSED.put(nicsJson, known);
        }
        return known == UNREADABLE ? null : known;
    }

    private static Set<String> parse(String nicsJson) {
        try {
            return Json.readList(nicsJson, HostNic.class).stream().filter(n -> "bridge".equals(n.kind()))
                    .map(HostNic::name).collect(Collectors.toUnmodifiableSet());
        } catch (IllegalArgumentException e) {
            return UNREADABLE;
        }
    }
}
