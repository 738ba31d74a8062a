package dev.vireo.agent.network;

import dev.vireo.protocol.HostNic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The host's interfaces from {@code /sys/class/net} (MAC, speed, operstate, the Linux master) and Open vSwitch
 * (which bond and bridge hold it). Loopback and the taps of guests are left out.
 */
public final class HostNicReader {
    private final Path sysClassNet;
    private final OvsState ovs;

    public HostNicReader(Path sysClassNet, OvsState ovs) {
        this.sysClassNet = sysClassNet;
        this.ovs = ovs;
    }

    public List<HostNic> read() {
        Map<String, OvsState.Place> places = ovs.read();
        List<HostNic> nics = new ArrayList<>();
        List<Path> devices;
        try (Stream<Path> s = Files.list(sysClassNet)) {
            devices = s.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
        for (Path dev : devices) {
            String name = dev.getFileName().toString();
            if (name.equals("lo") || name.startsWith("vnet") || name.equals("ovs-system") || name.equals("ovs-netdev") || !IfNames.valid(name)
                    || !Files.isDirectory(dev)) {
                continue;
            }
            OvsState.Place place = places.get(name);
            String master = master(dev);
            boolean linuxBridge = Files.isDirectory(dev.resolve("bridge"));
            boolean linuxBond = Files.isDirectory(dev.resolve("bonding"));
            boolean ovsBridge = places.values().stream().anyMatch(p -> name.equals(p.bridge()));
            String kind = linuxBridge || ovsBridge ? "bridge" : linuxBond ? "bond" : "nic";
            String bond = place != null ? place.bond()
                    : master != null && Files.isDirectory(sysClassNet.resolve(master).resolve("bonding")) ? master : null;
            String bridge = place != null ? place.bridge()
                    : master != null && bond == null ? master : null;
            nics.add(new HostNic(name, kind, read(dev.resolve("address")), speed(dev), read(dev.resolve("operstate")),
                    bond, bridge));
        }
        // OVS bonds are ports, not kernel devices: up while a member is
        places.forEach((name, place) -> {
            if (place.bond() == null && !Files.exists(sysClassNet.resolve(name))) {
                boolean anyUp = nics.stream().anyMatch(n -> name.equals(n.bond()) && n.up());
                nics.add(new HostNic(name, "bond", null, null, anyUp ? "up" : "down", null, place.bridge()));
            }
        });
        return nics;
    }

    private static String master(Path dev) {
        try {
            Path link = dev.resolve("master");
            return Files.isSymbolicLink(link) ? Files.readSymbolicLink(link).getFileName().toString() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Integer speed(Path dev) {
        String s = read(dev.resolve("speed"));
        try {
            int v = s == null ? -1 : Integer.parseInt(s);
            return v > 0 ? v : null; // -1 or an error: link down or a virtual device
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException | RuntimeException e) {
            return null; // speed of a down link reads as EINVAL
        }
    }
}
