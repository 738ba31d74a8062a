package dev.vireo.agent.storage;

import dev.vireo.agent.command.CommandFailure;
import dev.vireo.agent.command.DomainCommand;
import dev.vireo.agent.command.Outcome;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.VolumeSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** DELETE_VOLUME: removes a volume file; one already gone counts as deleted (a retry after a lost reply). */
public final class DeleteVolume implements DomainCommand {
    private final VolumePaths paths;

    public DeleteVolume(VolumePaths paths) {
        this.paths = paths;
    }

    @Override
    public CommandAction action() {
        return CommandAction.DELETE_VOLUME;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String diskId) throws CommandFailure {
        VolumeSpec spec = Volumes.spec(command);
        Path volume = paths.target(spec.path());
        try {
            boolean existed = Files.deleteIfExists(volume);
            return new Outcome(null, null, Map.of("deleted", existed ? 1L : 0L));
        } catch (IOException e) {
            throw new CommandFailure(CommandFailure.INTERNAL, "cannot delete " + volume + ": " + e.getMessage());
        }
    }
}
