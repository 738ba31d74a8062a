package dev.vireo.engine.support;

import dev.vireo.engine.database.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A real PostgreSQL for {@code @QuarkusTest}s: the same embedded server the engine runs in production. */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {
    private EmbeddedDatabase database;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("vireo-test-pg");
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            database = EmbeddedDatabase.start(dir.resolve("data"), port);
            return Map.of("quarkus.datasource.jdbc.url", database.jdbcUrl(),
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "postgres");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }
}
