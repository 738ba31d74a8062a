package dev.vireo.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A node definition for libvirt's test driver ({@code test:///absolute/path/node.xml}): one NUMA cell, one
 * socket, {@code cpus} cores, {@code memoryMiB} of memory. The driver answers nodeInfo from it; it has no
 * domains, so every simulated host starts empty. (The driver reports no free memory for such a node: its
 * free-memory figure counts NUMA cells, which a custom node does not define; the engine books memory from
 * the host's total and the VMs placed on it, so this only shows as 0 in heartbeats.)
 */
final class NodeXml {
    /** libvirt parses the URI path as is: keep to characters that need no escaping. */
    private static final Pattern PLAIN_PATH = Pattern.compile("/[A-Za-z0-9/._+-]*");

    private NodeXml() {
    }

    static String render(long memoryMiB, int cpus, String cpuModel) {
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
                </node>
                """.formatted(cpus, cpus, cpuModel, memoryMiB * 1024); // <memory> is KiB
    }

    /** Writes the node file and returns the test driver URI that opens it. */
    static String write(Path file, long memoryMiB, int cpus, String cpuModel) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        if (!PLAIN_PATH.matcher(absolute.toString()).matches()) {
            throw new IllegalArgumentException("the state dir path must be plain (letters, digits, / . _ + -): " + absolute);
        }
        Files.createDirectories(absolute.getParent());
        Files.writeString(absolute, render(memoryMiB, cpus, cpuModel));
        return "test://" + absolute;
    }
}
