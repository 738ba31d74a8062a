package dev.vireo.protocol;

import java.util.List;

/**
 * A host's whole network setup, as the engine wants it (SETUP_NETWORKS) — the agent turns the difference to
 * what it had into switch commands, and back again when the engine does not confirm in time.
 *
 * @param setupId        the engine's job for this change; CONFIRM_NETWORKS names it
 * @param switchType     "ovs" (Open vSwitch) or "legacy" (Linux bridge + kernel bonding + VLAN devices)
 * @param confirmSeconds how long the agent waits for the engine's confirmation before it rolls back
 */
public record NetworkSetupSpec(String setupId, String switchType, List<Bond> bonds, List<Attachment> attachments,
                               int confirmSeconds) {

    public NetworkSetupSpec {
        bonds = bonds == null ? List.of() : List.copyOf(bonds);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public static NetworkSetupSpec empty(String switchType) {
        return new NetworkSetupSpec(null, switchType, List.of(), List.of(), 0);
    }

    /**
     * @param mode       active-backup, balance-slb or balance-tcp / 802.3ad (LACP)
     * @param lacpRate   "slow" or "fast" (LACP only), null for the default
     * @param miimonMs   link check by MII every that many ms; null or 0: carrier detection
     */
    public record Bond(String name, List<String> members, String mode, String lacpRate, Integer miimonMs) {
        public Bond {
            members = members == null ? List.of() : List.copyOf(members);
        }

        public boolean lacp() {
            return "balance-tcp".equals(mode) || "802.3ad".equals(mode);
        }
    }

    /**
     * A logical network carried on a host NIC or bond by the network's bridge.
     *
     * @param on   the NIC or bond (of {@link #bonds()}) that carries it
     * @param vlan null: untagged
     */
    public record Attachment(String network, String bridge, String on, Integer vlan, int mtu) {
    }
}
