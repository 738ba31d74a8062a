package dev.vireo.agent.network;

import dev.vireo.protocol.NetworkSetupSpec;
import dev.vireo.protocol.NetworkSetupSpec.Attachment;
import dev.vireo.protocol.NetworkSetupSpec.Bond;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Open vSwitch: one OVS bridge per attached network (named by the network), its uplink a port (a NIC) or a
 * bond; VMs join the bridge through libvirt's {@code <virtualport type='openvswitch'/>} with the network's VLAN
 * as their port tag, so the uplink is a trunk. Every command is idempotent (--may-exist / --if-exists), so a
 * half-applied change can be rolled back by planning the other way.
 */
public final class OvsSwitch implements VirtualSwitch {
    static final String VSCTL = "ovs-vsctl";
    private final String datapathType;

    /** @param datapathType "system" (the kernel module) or "netdev" (userspace, where the kernel has no OVS module) */
    public OvsSwitch(String datapathType) {
        if (!Set.of("system", "netdev").contains(datapathType)) {
            throw new IllegalArgumentException("datapath type is system or netdev, not " + datapathType);
        }
        this.datapathType = datapathType;
    }

    @Override
    public String type() {
        return "ovs";
    }

    @Override
    public List<List<String>> plan(NetworkSetupSpec from, NetworkSetupSpec to) throws NetworkCommandException {
        SetupCheck.check(to);
        List<List<String>> commands = new ArrayList<>();
        Map<String, Attachment> before = byBridge(from);
        Map<String, Attachment> after = byBridge(to);
        for (Attachment old : from.attachments()) {
            if (!after.containsKey(old.bridge())) {
                commands.add(List.of(VSCTL, "--timeout=10", "--if-exists", "del-br", old.bridge()));
                resetMtu(commands, from, old);
            }
        }
        // every removal first: a NIC or bond that moves to another bridge must have left the old one
        for (Attachment a : to.attachments()) {
            Attachment old = before.get(a.bridge());
            if (old != null && !sameUplink(from, old, to, a)) {
                commands.add(List.of(VSCTL, "--timeout=10", "--if-exists", "del-port", a.bridge(), old.on()));
                resetMtu(commands, from, old);
            }
        }
        for (Attachment a : to.attachments()) {
            Attachment old = before.get(a.bridge());
            Bond bond = bondOf(to, a.on());
            boolean same = old != null && sameUplink(from, old, to, a);
            if (same && old.mtu() == a.mtu()) {
                continue;
            }
            commands.add(List.of(VSCTL, "--timeout=10", "--may-exist", "add-br", a.bridge(),
                    "--", "set", "bridge", a.bridge(), "datapath_type=" + datapathType));
            List<String> links = bond == null ? List.of(a.on()) : bond.members();
            for (String link : links) {
                commands.add(List.of("ip", "link", "set", "dev", link, "up"));
            }
            if (!same) {
                commands.add(bond == null
                        ? List.of(VSCTL, "--timeout=10", "--may-exist", "add-port", a.bridge(), a.on())
                        : addBond(a.bridge(), bond));
            }
            for (String link : links) {
                commands.add(List.of(VSCTL, "--timeout=10", "set", "interface", link, "mtu_request=" + a.mtu()));
            }
            commands.add(List.of("ip", "link", "set", "dev", a.bridge(), "up"));
        }
        return commands;
    }

    private static boolean sameUplink(NetworkSetupSpec from, Attachment old, NetworkSetupSpec to, Attachment a) {
        return old.on().equals(a.on()) && Objects.equals(bondOf(to, a.on()), bondOf(from, old.on()));
    }

    /** OVS leaves a released link at the MTU it was given; back to the default, so the link works untagged again */
    private static void resetMtu(List<List<String>> commands, NetworkSetupSpec from, Attachment old) {
        Bond bond = bondOf(from, old.on());
        for (String link : bond == null ? List.of(old.on()) : bond.members()) {
            commands.add(List.of("ip", "link", "set", "dev", link, "mtu", "1500"));
        }
    }

    static List<String> addBond(String bridge, Bond bond) {
        List<String> c = new ArrayList<>(List.of(VSCTL, "--timeout=10", "--may-exist", "add-bond", bridge, bond.name()));
        c.addAll(bond.members());
        if (bond.lacp()) {
            c.addAll(List.of("bond_mode=balance-tcp", "lacp=active", "other_config:lacp-fallback-ab=false",
                    "other_config:lacp-time=" + (bond.lacpRate() == null ? "slow" : bond.lacpRate())));
        } else {
            c.addAll(List.of("bond_mode=" + bond.mode(), "lacp=off"));
        }
        if (bond.miimonMs() != null && bond.miimonMs() > 0) {
            c.addAll(List.of("other_config:bond-detect-mode=miimon",
                    "other_config:bond-miimon-interval=" + bond.miimonMs()));
        } else {
            c.add("other_config:bond-detect-mode=carrier");
        }
        return c;
    }

    static Bond bondOf(NetworkSetupSpec spec, String name) {
        return spec.bonds().stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
    }

    private static Map<String, Attachment> byBridge(NetworkSetupSpec spec) {
        return spec.attachments().stream().collect(Collectors.toMap(Attachment::bridge, Function.identity(), (a, b) -> a));
    }
}
