package dev.vireo.engine.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL server run by the engine itself (zonky's embedded binaries), with its data in a
 * directory that survives restarts. Chosen by {@code vireo.db.embedded=true} (the default); an external
 * server is used when {@code quarkus.datasource.jdbc.url} is set instead.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Reads system properties / environment, as Quarkus config is not up yet. */
    public static EmbeddedDatabase startIfConfigured() {
        boolean embedded = Boolean.parseBoolean(setting("vireo.db.embedded", "true"));
        if (!embedded || setting("quarkus.datasource.jdbc.url", null) != null) {
            return null;
        }
        Path dataDir = Path.of(setting("vireo.db.data-dir", "data/postgres")).toAbsolutePath();
        int port = Integer.parseInt(setting("vireo.db.port", "5433"));
        EmbeddedDatabase database = start(dataDir, port);
        System.setProperty("quarkus.datasource.jdbc.url", database.jdbcUrl());
        System.setProperty("quarkus.datasource.username", "postgres");
        System.setProperty("quarkus.datasource.password", "postgres");
        Runtime.getRuntime().addShutdownHook(new Thread(database::close, "embedded-postgres-stop"));
        return database;
    }

    public static EmbeddedDatabase start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir.getParent());
            long t0 = System.nanoTime();
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            LOG.infof("embedded PostgreSQL on port %d with data in %s (%d ms)", port, dataDir,
                    (System.nanoTime() - t0) / 1_000_000);
            return new EmbeddedDatabase(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL in " + dataDir, e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public synchronized void close() {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("stopping embedded PostgreSQL failed", e);
        }
    }

    private static String setting(String key, String fallback) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.toUpperCase().replaceAll("[.-]", "_"));
        }
        return value != null ? value : fallback;
    }
}
