package dev.vireo.engine.ova;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Work directories of exports and imports: always removed afterwards, whatever happened. */
final class WorkDirs {
    private WorkDirs() {
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // the next run's name differs; a leftover is never read
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
