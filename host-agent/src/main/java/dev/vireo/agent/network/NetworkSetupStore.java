package dev.vireo.agent.network;

import dev.vireo.protocol.Json;
import dev.vireo.protocol.NetworkSetupSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The last confirmed setup, kept in the agent's state dir: what a rollback goes back to, across agent restarts. */
public final class NetworkSetupStore {
    private final Path file;

    public NetworkSetupStore(Path file) {
        this.file = file;
    }

    public NetworkSetupSpec current(String switchType) {
        try {
            if (Files.exists(file)) {
                return Json.readValue(Files.readString(file), NetworkSetupSpec.class);
            }
        } catch (IOException | IllegalArgumentException e) {
            // unreadable: treat as nothing set up (the engine sends the whole setup each time anyway)
        }
        return NetworkSetupSpec.empty(switchType);
    }

    public void save(NetworkSetupSpec spec) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Json.writeValue(spec));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
