package dev.vireo.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A node definition for libvirt's test driver ({@code test:///absolute/path/node.xml}): one NUMA cell, one
 * socket, {@code cpus} cores, {@code memoryMiB} of memory. The driver answers nodeInfo from it; it has no
 * domains, so every simulated host starts empty. (The driver reports no free memory for such a node: its
 * free-memory figure counts NUMA cells, which a custom node does not define; the engine books memory from
 * the host's total and the VMs placed on it, so this only shows as 0 in heartbeats.) Preloaded domains are
 * defined in the node file and run from the moment the connection opens.
 */
final class NodeXml {
    /** libvirt parses the URI path as is: keep to characters that need no escaping. */
    private static final Pattern PLAIN_PATH = Pattern.compile("/[A-Za-z0-9/._+-]*");

    private NodeXml() {
    }

    /** A running domain in the node file: 256 MiB, one vCPU, a VNC port as a running guest has. */
    record Preloaded(UUID uuid, String name, int vncPort) {
    }

    static String render(long memoryMiB, int cpus, String cpuModel) {
        return render(memoryMiB, cpus, cpuModel, List.of());
    }

    static String render(long memoryMiB, int cpus, String cpuModel, List<Preloaded> domains) {
        StringBuilder inline = new StringBuilder();
        for (Preloaded d : domains) {
            // names and uuids come from the simulator itself (host name pattern, name-based uuids): no escaping needed
            inline.append("  <domain type='test'><name>").append(d.name()).append("</name><uuid>").append(d.uuid())
                    .append("</uuid><memory unit='MiB'>256</memory><vcpu>1</vcpu><os><type>hvm</type></os>")
                    .append("<devices><graphics type='vnc' port='").append(d.vncPort())
                    .append("' autoport='no' listen='127.0.0.1'/></devices></domain>\n");
        }
        return """
                <node>
                  <cpu>
                    <nodes>1</nodes>
                    <sockets>1</sockets>
                    <cores>%d</cores>
                    <threads>1</threads>
                    <active>%d</active>
                    <mhz>2400</mhz>
                    <model>%s</model>
                  </cpu>
                  <memory>%d</memory>
                %s</node>
                """.formatted(cpus, cpus, cpuModel, memoryMiB * 1024, inline); // <memory> is KiB
    }

    /** Writes the node file and returns the test driver URI that opens it. */
    static String write(Path file, long memoryMiB, int cpus, String cpuModel) throws IOException {
        return write(file, memoryMiB, cpus, cpuModel, List.of());
    }

    static String write(Path file, long memoryMiB, int cpus, String cpuModel, List<Preloaded> domains)
            throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        if (!PLAIN_PATH.matcher(absolute.toString()).matches()) {
            throw new IllegalArgumentException("the state dir path must be plain (letters, digits, / . _ + -): " + absolute);
        }
        Files.createDirectories(absolute.getParent());
        Files.writeString(absolute, render(memoryMiB, cpus, cpuModel, domains));
        return "test://" + absolute;
    }
}
