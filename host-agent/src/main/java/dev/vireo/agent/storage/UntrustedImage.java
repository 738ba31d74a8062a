package dev.vireo.agent.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.agent.command.CommandFailure;

import java.nio.file.Path;

/**
 * An uploaded or imported image must be one self-contained file: a qcow2 backing file or external data file,
 * or a vmdk descriptor's extent naming another file, would make qemu-img read that file (say /etc/shadow)
 * into the new disk.
 */
final class UntrustedImage {
    private UntrustedImage() {
    }

    static void requireSelfContained(JsonNode info, Path source) throws CommandFailure {
        if (info.hasNonNull("backing-filename") || info.hasNonNull("full-backing-filename")) {
            throw CommandFailure.invalid("the image names a backing file (" + info.path("backing-filename").asText()
                    + "); an imported image must be self-contained");
        }
        JsonNode data = info.path("format-specific").path("data");
        if (data.hasNonNull("data-file")) {
            throw CommandFailure.invalid("the image names an external data file; an imported image must be self-contained");
        }
        for (JsonNode extent : data.path("extents")) {
            if (!source.toString().equals(extent.path("filename").asText())) {
                throw CommandFailure.invalid("the vmdk names another file as an extent ("
                        + extent.path("filename").asText() + "); an imported image must be self-contained");
            }
        }
    }
}
