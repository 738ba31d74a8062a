package dev.vireo.agent.storage;

import dev.vireo.agent.command.CommandFailure;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.VolumeSpec;

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
