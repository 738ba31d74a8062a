package dev.vireo.agent.network;

import dev.vireo.protocol.Json;
import dev.vireo.protocol.NetworkSetupSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The last confirmed setup, kept in the agent's state dir: what a rollback goes back to, across agent restarts.
 * Beside it, while a setup waits for its confirmation, that setup ("pending"): an agent that dies meanwhile
 * finds it at start and rolls it back.
 */
public final class NetworkSetupStore {
    private final Path file;
    private final Path pending;

    public NetworkSetupStore(Path file) {
        this.file = file;
        this.pending = file.resolveSibling(file.getFileName() + ".pending");
    }

    public NetworkSetupSpec current(String switchType) {
        NetworkSetupSpec spec = read(file);
        return spec != null ? spec : NetworkSetupSpec.empty(switchType);
    }

    public void save(NetworkSetupSpec spec) throws IOException {
        write(file, spec);
    }

    /** The setup being applied and not confirmed yet, or null. */
    public NetworkSetupSpec pending() {
        return read(pending);
    }

    public void savePending(NetworkSetupSpec spec) throws IOException {
        write(pending, spec);
    }

    public void clearPending() {
        try {
            Files.deleteIfExists(pending);
        } catch (IOException e) {
            // a stale pending file is rolled back (a no-op plan) at the next start
        }
    }

    private static NetworkSetupSpec read(Path path) {
        try {
            if (Files.exists(path)) {
                return Json.readValue(Files.readString(path), NetworkSetupSpec.class);
            }
        } catch (IOException | IllegalArgumentException e) {
            // unreadable: treat as nothing set up (the engine sends the whole setup each time anyway)
        }
        return null;
    }

    private static void write(Path path, NetworkSetupSpec spec) throws IOException {
        Files.createDirectories(path.getParent());
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.writeString(tmp, Json.writeValue(spec));
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
