package dev.vireo.agent.network;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which OVS bridge and bond hold each interface, read with three {@code ovs-vsctl list} calls (bridges → ports →
 * interfaces, joined by row uuid). Empty when Open vSwitch does not run here.
 */
public final class OvsState {
    /** where an interface sits: its bridge, and its bond when its port is a bond */
    public record Place(String bridge, String bond) {
    }

    private final Exec exec;
    private final Path dbSocket;

    public OvsState(Exec exec, Path dbSocket) {
        this.exec = exec;
        this.dbSocket = dbSocket;
    }

    /** interface name → place; bond ports appear under their own name with bond = null */
    public Map<String, Place> read() {
        if (!Files.exists(dbSocket)) {
            return Map.of();
        }
        try {
            Map<String, String> ifaceNames = new HashMap<>();
            for (String[] row : rows("interface", "_uuid,name")) {
                ifaceNames.put(row[0], row[1]);
            }
            Map<String, String[]> ports = new HashMap<>(); // uuid → [name, interface uuids]
            for (String[] row : rows("port", "_uuid,name,interfaces")) {
                ports.put(row[0], row);
            }
            Map<String, Place> places = new HashMap<>();
            for (String[] row : rows("bridge", "name,ports")) {
                for (String portUuid : words(row[1])) {
                    String[] port = ports.get(portUuid);
                    if (port == null) {
                        continue;
                    }
                    List<String> ifaces = words(port[2]);
                    boolean bond = ifaces.size() > 1;
                    for (String iface : ifaces) {
                        String name = ifaceNames.get(iface);
                        if (name != null && !name.equals(row[0])) {
                            places.put(name, new Place(row[0], bond ? port[1] : null));
                        }
                    }
                    if (bond) {
                        places.put(port[1], new Place(row[0], null));
                    }
                }
            }
            return places;
        } catch (NetworkCommandException e) {
            return Map.of(); // a report without OVS beats no report
        }
    }

    /** bond port name → its member interface names */
    public Map<String, List<String>> bonds() {
        Map<String, List<String>> bonds = new HashMap<>();
        read().forEach((iface, place) -> {
            if (place.bond() != null) {
                bonds.computeIfAbsent(place.bond(), b -> new java.util.ArrayList<>()).add(iface);
            }
        });
        return bonds;
    }

    private List<String[]> rows(String table, String columns) throws NetworkCommandException {
        String out = exec.run(List.of("ovs-vsctl", "--timeout=5", "--format=csv", "--data=bare", "--no-headings",
                "--columns=" + columns, "list", table));
        int n = columns.split(",").length;
        return out.lines().filter(l -> !l.isBlank()).map(l -> l.split(",", n)).filter(r -> r.length == n).toList();
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : List.of(s.strip().split("\\s+"));
    }
}
