package dev.vireo.engine.hostnetwork;

import java.util.List;
import java.util.UUID;

/**
 * The whole network setup wanted on a host: its bonds, and which logical network each NIC or bond carries.
 * Sent whole each time (what is left out is removed); also what GET answers with, once applied.
 */
public record NetworkSetupRequest(List<BondRequest> bonds, List<NetworkAttachment> networks) {

    public NetworkSetupRequest {
        bonds = bonds == null ? List.of() : bonds;
        networks = networks == null ? List.of() : networks;
    }

    /**
     * @param mode     active-backup, balance-slb (OVS only), balance-tcp or 802.3ad (both LACP)
     * @param lacpRate slow or fast, LACP modes only
     * @param miimonMs link checks by MII every that many ms (oVirt's miimon, OVS's bond-detect-mode=miimon);
     *                 null or 0: carrier
     */
    public record BondRequest(String name, List<String> members, String mode, String lacpRate, Integer miimonMs) {
    }

    /**
     * @param on     a host NIC or a bond of this setup
     * @param vlanId overrides the network's VLAN on this host; null: the network's
     * @param mtu    overrides the network's MTU on this host; null: the network's
     */
    public record NetworkAttachment(UUID networkId, String on, Integer vlanId, Integer mtu) {
    }
}
