package dev.vireo.agent.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/** {@code {stateDir}/credential.json}: {@code {"hostId": "…", "credential": "…"}}, mode 600. */
public final class CredentialStore {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;

    public CredentialStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The stored credential; empty when there is none (a broken file counts as none). */
    public Optional<Credential> load() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            return Optional.empty();
        }
        String hostId = json == null ? "" : json.path("hostId").asText("");
        String credential = json == null ? "" : json.path("credential").asText("");
        return hostId.isBlank() || credential.isBlank()
                ? Optional.empty() : Optional.of(new Credential(hostId, credential));
    }

    /** Writes the credential atomically, readable by the agent's user only. */
    public void save(Credential credential) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Path temp = Files.createTempFile(dir, "credential", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            MAPPER.writeValue(temp.toFile(), MAPPER.createObjectNode()
                    .put("hostId", credential.hostId())
                    .put("credential", credential.credential()));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
