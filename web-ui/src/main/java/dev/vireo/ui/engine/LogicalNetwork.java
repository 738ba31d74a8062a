package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A logical network of a cluster ({@code GET /networks}), carried on each host by the bridge it names. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogicalNetwork(String id, String name, String clusterId, Integer vlanId, int mtu, boolean vmNetwork,
                             boolean required, String bridge, long nics) {
}
