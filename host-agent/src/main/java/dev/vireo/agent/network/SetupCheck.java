package dev.vireo.agent.network;

import dev.vireo.protocol.NetworkSetupSpec;

import java.util.HashSet;
import java.util.Set;

/**
 * The agent's own check of a setup before any command runs (the engine validated it too): names are interface
 * names, modes and options come from fixed lists, so nothing odd ever reaches ovs-vsctl or ip.
 */
public final class SetupCheck {
    static final Set<String> MODES = Set.of("active-backup", "balance-slb", "balance-tcp", "802.3ad");

    private SetupCheck() {
    }

    public static void check(NetworkSetupSpec spec) throws NetworkCommandException {
        if (!"ovs".equals(spec.switchType()) && !"legacy".equals(spec.switchType())) {
            throw new NetworkCommandException("switch type '" + spec.switchType() + "' is neither ovs nor legacy");
        }
        Set<String> members = new HashSet<>();
        Set<String> bonds = new HashSet<>();
        for (NetworkSetupSpec.Bond bond : spec.bonds()) {
            IfNames.check("bond", bond.name());
            bonds.add(bond.name());
            if (!MODES.contains(bond.mode())) {
                throw new NetworkCommandException("bond " + bond.name() + ": unknown mode");
            }
            if (bond.members().size() < 2) {
                throw new NetworkCommandException("bond " + bond.name() + " needs at least two members");
            }
            for (String m : bond.members()) {
                IfNames.check("bond member", m);
                if (!members.add(m)) {
                    throw new NetworkCommandException("NIC " + m + " is in two bonds");
                }
            }
            if (bond.lacpRate() != null && !Set.of("slow", "fast").contains(bond.lacpRate())) {
                throw new NetworkCommandException("bond " + bond.name() + ": lacp rate is slow or fast");
            }
            if (bond.miimonMs() != null && (bond.miimonMs() < 0 || bond.miimonMs() > 60_000)) {
                throw new NetworkCommandException("bond " + bond.name() + ": miimon 0..60000 ms");
            }
        }
        for (NetworkSetupSpec.Attachment a : spec.attachments()) {
            IfNames.check("bridge", a.bridge());
            IfNames.check("uplink", a.on());
            if (members.contains(a.on())) {
                throw new NetworkCommandException("NIC " + a.on() + " is a bond member and cannot carry a network");
            }
            if (a.vlan() != null && (a.vlan() < 1 || a.vlan() > 4094)) {
                throw new NetworkCommandException("VLAN " + a.vlan() + " outside 1..4094");
            }
            if (a.mtu() < 68 || a.mtu() > 9000) {
                throw new NetworkCommandException("MTU " + a.mtu() + " outside 68..9000");
            }
        }
    }
}
