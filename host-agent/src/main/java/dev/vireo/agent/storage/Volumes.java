package dev.vireo.agent.storage;

import dev.vireo.agent.command.CommandFailure;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.VolumeSpec;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks shared by the volume commands. */
final class Volumes {
    private Volumes() {
    }

    static VolumeSpec spec(AgentMessage.Command command) throws CommandFailure {
        if (command.volume() == null) {
            throw CommandFailure.invalid(command.action() + " needs a volume");
        }
        return command.volume();
    }

    /** The path of a volume about to be made: checked, its directory made, not there yet. */
    static Path newVolume(VolumePaths paths, VolumeSpec spec) throws CommandFailure {
        Path target = paths.target(spec.path());
        if (Files.exists(target)) {
            throw CommandFailure.invalid("volume " + target + " already exists");
        }
        return target;
    }

    static void checkSize(long bytes, long max) throws CommandFailure {
        if (bytes < 1024 * 1024) {
            throw CommandFailure.invalid("a volume must be at least 1 MiB, not " + bytes + " bytes");
        }
        if (bytes > max) {
            throw CommandFailure.invalid("a volume must be at most " + (max >> 40) + " TiB, not " + bytes + " bytes");
        }
        if (bytes % 512 != 0) {
            throw CommandFailure.invalid("a volume's size must be a multiple of 512 bytes");
        }
    }
}
