package dev.vireo.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;

/** A Linux bridge in the root network namespace for a test's logical network, removed again by {@link #close()}. */
final class LabBridge implements AutoCloseable {
    final String name;

    private LabBridge(String name) {
        this.name = name;
    }

    /** @param gatewayCidr the root namespace's address on it ({@code 10.81.0.1/24}), or null for none */
    static LabBridge create(String name, String gatewayCidr) throws Exception {
        if (Files.exists(Path.of("/sys/class/net", name))) {
            Shell.sh("ip", "link", "del", name);   // left over from an interrupted run
        }
        Shell.sh("ip", "link", "add", name, "type", "bridge");
        LabBridge bridge = new LabBridge(name);
        try {
            if (gatewayCidr != null) {
                Shell.sh("ip", "addr", "add", gatewayCidr, "dev", name);
            }
            Shell.sh("ip", "link", "set", name, "up");
            return bridge;
        } catch (Exception | AssertionError e) {
            bridge.close();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        Shell.sh("ip", "link", "del", name);
    }
}
