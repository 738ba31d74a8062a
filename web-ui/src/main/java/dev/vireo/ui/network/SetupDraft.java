package dev.vireo.ui.network;

import dev.vireo.ui.engine.NetworkSetup;
import dev.vireo.ui.engine.NetworkSetup.Attachment;
import dev.vireo.ui.engine.NetworkSetup.Bond;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The host network setup being edited, apart from its fields: it starts as the host's confirmed setup, takes bonds
 * and network attachments from the forms, and becomes the whole setup POSTed to the engine. It checks only that a
 * form is complete; what the engine refuses (a NIC in two bonds, an LACP bond with one member …) the engine says.
 * Each change answers what is wrong, in words, or null.
 */
final class SetupDraft {

    /** the engine's bond modes, with what the form shows for them */
    static final Map<String, String> MODES = Map.of(
            "active-backup", "active-backup",
            "balance-slb", "balance-slb (Open vSwitch)",
            "802.3ad", "LACP (802.3ad)",
            "balance-tcp", "LACP, balance-tcp (Open vSwitch)");
    static final List<String> MODE_ORDER = List.of("active-backup", "balance-slb", "802.3ad", "balance-tcp");
    private static final Set<String> LACP = Set.of("802.3ad", "balance-tcp");

    private final List<Bond> bonds;
    private final List<Attachment> networks;

    SetupDraft(NetworkSetup confirmed) {
        bonds = new ArrayList<>(confirmed == null ? List.of() : confirmed.bonds());
        networks = new ArrayList<>(confirmed == null ? List.of() : confirmed.networks());
    }

    static boolean lacp(String mode) {
        return LACP.contains(mode);
    }

    List<Bond> bonds() {
        return List.copyOf(bonds);
    }

    List<Attachment> networks() {
        return List.copyOf(networks);
    }

    /** Adds a bond; {@code lacpRate} is kept for LACP modes only, a blank one is the engine's default. */
    String addBond(String name, Collection<String> members, String mode, String lacpRate, Integer miimonMs) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            return "Give the bond a name, such as bond0";
        }
        if (bonds.stream().anyMatch(b -> b.name().equals(n))) {
            return "The setup has a bond " + n + " already; remove it first to change it";
        }
        if (mode == null || !MODES.containsKey(mode)) {
            return "Choose the bond's mode";
        }
        String rate = lacp(mode) && lacpRate != null && !lacpRate.isBlank() ? lacpRate : null;
        bonds.add(new Bond(n, members == null ? List.of() : List.copyOf(members), mode, rate, miimonMs));
        return null;
    }

    /** Removes the bond and the networks it carried. */
    void removeBond(String name) {
        bonds.removeIf(b -> b.name().equals(name));
        networks.removeIf(a -> name.equals(a.on()));
    }

    /** Attaches a network to a NIC or bond; {@code vlanId}/{@code mtu} null: the network's own. */
    String attach(String networkId, String on, Integer vlanId, Integer mtu) {
        if (networkId == null) {
            return "Choose a network";
        }
        if (on == null || on.isBlank()) {
            return "Choose the NIC or bond to carry it";
        }
        for (Attachment a : networks) {
            if (a.networkId().equals(networkId)) {
                return "That network is on " + a.on() + " already; remove it first to move it";
            }
        }
        networks.add(new Attachment(networkId, on, vlanId, mtu));
        return null;
    }

    void detach(String networkId) {
        networks.removeIf(a -> a.networkId().equals(networkId));
    }

    NetworkSetup.Request request() {
        return new NetworkSetup.Request(bonds(), networks());
    }
}
