package dev.vireo.agent.network;

import dev.vireo.protocol.NetworkSetupSpec;
import dev.vireo.protocol.NetworkSetupSpec.Attachment;
import dev.vireo.protocol.NetworkSetupSpec.Bond;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The classic layout with iproute2: kernel bonds, VLAN devices ({@code uplink.vlan}) and one Linux bridge per
 * network. What changed is torn down first (bridges, then VLAN devices, then bonds) and built again. The
 * kernel of the development machines has no bonding or 8021q module, so this backend is tested by its
 * commands only.
 */
public final class LinuxBridgeSwitch implements VirtualSwitch {

    @Override
    public String type() {
        return "legacy";
    }

    @Override
    public List<List<String>> plan(NetworkSetupSpec from, NetworkSetupSpec to) throws NetworkCommandException {
        SetupCheck.check(to);
        for (Bond bond : to.bonds()) {
            if ("balance-slb".equals(bond.mode())) {
                throw new NetworkCommandException("bond " + bond.name() + ": balance-slb is an Open vSwitch mode");
            }
        }
        List<List<String>> c = new ArrayList<>();
        for (Attachment old : from.attachments()) {
            if (!kept(old, from, to)) {
                c.add(List.of("ip", "link", "del", "dev", old.bridge()));
                if (old.vlan() != null) {
                    c.add(List.of("ip", "link", "del", "dev", vlanDevice(old)));
                }
                c.add(List.of("ip", "link", "set", "dev", old.on(), "mtu", "1500")); // released: the default again
            }
        }
        for (Bond old : from.bonds()) {
            if (!to.bonds().contains(old)) {
                for (String m : old.members()) {
                    c.add(List.of("ip", "link", "set", "dev", m, "nomaster"));
                }
                c.add(List.of("ip", "link", "del", "dev", old.name()));
            }
        }
        for (Bond bond : to.bonds()) {
            if (!from.bonds().contains(bond)) {
                c.add(addBond(bond));
                for (String m : bond.members()) {
                    c.add(List.of("ip", "link", "set", "dev", m, "down")); // the kernel enslaves only downed links
                    c.add(List.of("ip", "link", "set", "dev", m, "master", bond.name()));
                    c.add(List.of("ip", "link", "set", "dev", m, "up"));
                }
                c.add(List.of("ip", "link", "set", "dev", bond.name(), "up"));
            }
        }
        for (Attachment a : to.attachments()) {
            if (kept(a, to, from)) {
                continue;
            }
            String uplink = a.on();
            if (a.vlan() != null) {
                uplink = IfNames.check("VLAN device", vlanDevice(a));
                // a VLAN device's MTU cannot exceed its parent's
                c.add(List.of("ip", "link", "set", "dev", a.on(), "mtu", Integer.toString(a.mtu())));
                c.add(List.of("ip", "link", "add", "link", a.on(), "name", uplink, "type", "vlan", "id",
                        Integer.toString(a.vlan())));
            }
            c.add(List.of("ip", "link", "add", "name", a.bridge(), "type", "bridge"));
            c.add(List.of("ip", "link", "set", "dev", uplink, "mtu", Integer.toString(a.mtu())));
            c.add(List.of("ip", "link", "set", "dev", uplink, "master", a.bridge()));
            c.add(List.of("ip", "link", "set", "dev", a.bridge(), "mtu", Integer.toString(a.mtu())));
            c.add(List.of("ip", "link", "set", "dev", uplink, "up"));
            c.add(List.of("ip", "link", "set", "dev", a.bridge(), "up"));
        }
        return c;
    }

    static List<String> addBond(Bond bond) {
        List<String> c = new ArrayList<>(List.of("ip", "link", "add", "name", bond.name(), "type", "bond", "mode",
                bond.lacp() ? "802.3ad" : bond.mode()));
        c.addAll(List.of("miimon", Integer.toString(bond.miimonMs() == null ? 100 : bond.miimonMs())));
        if (bond.lacp() && bond.lacpRate() != null) {
            c.addAll(List.of("lacp_rate", bond.lacpRate()));
        }
        return c;
    }

    static String vlanDevice(Attachment a) {
        return a.on() + "." + a.vlan();
    }

    /** The same attachment on both sides, over the same bond (if it is on one). */
    private static boolean kept(Attachment a, NetworkSetupSpec mine, NetworkSetupSpec other) {
        return other.attachments().contains(a)
                && Objects.equals(OvsSwitch.bondOf(mine, a.on()), OvsSwitch.bondOf(other, a.on()));
    }
}
