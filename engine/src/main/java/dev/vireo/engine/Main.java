package dev.vireo.engine;

import dev.vireo.engine.database.EmbeddedDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the embedded PostgreSQL (unless an external database is configured) before Quarkus, because
 * the datasource and Flyway need a running server when the application boots.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        EmbeddedDatabase database = EmbeddedDatabase.startIfConfigured();
        try {
            Quarkus.run(args);
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }
}
