package dev.vireo.agent.storage;

import dev.vireo.agent.command.CommandFailure;
import dev.vireo.agent.command.DomainCommand;
import dev.vireo.agent.command.Outcome;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.VolumeSpec;

import java.nio.file.Path;

/**
 * CREATE_VOLUME: a new thin qcow2 volume, empty of a size or layered over a backing volume (a thin
 * clone: only what the clone writes is stored in it, so it is made in milliseconds at any size).
 */
public final class CreateVolume implements DomainCommand {
    /** 16 EiB is qemu's limit; anything beyond a petabyte is a mistake here */
    static final long MAX_BYTES = 1L << 50;

    private final VolumePaths paths;
    private final QemuImg qemuImg;

    public CreateVolume(VolumePaths paths, QemuImg qemuImg) {
        this.paths = paths;
        this.qemuImg = qemuImg;
    }

    @Override
    public CommandAction action() {
        return CommandAction.CREATE_VOLUME;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String diskId) throws CommandFailure {
        VolumeSpec spec = Volumes.spec(command);
        Path target = Volumes.newVolume(paths, spec);
        if (spec.backingPath() != null) {
            Path backing = paths.existing("backing volume", spec.backingPath());
            String format = qemuImg.info(backing).path("format").asText();
            if (spec.sizeBytes() != 0) {
                Volumes.checkSize(spec.sizeBytes(), MAX_BYTES);
                qemuImg.run("create", "-q", "-f", "qcow2", "-b", backing.toString(), "-F", format, target.toString(),
                        Long.toString(spec.sizeBytes()));
            } else {
                qemuImg.run("create", "-q", "-f", "qcow2", "-b", backing.toString(), "-F", format, target.toString());
            }
        } else {
            Volumes.checkSize(spec.sizeBytes(), MAX_BYTES);
            qemuImg.run("create", "-q", "-f", "qcow2", target.toString(), Long.toString(spec.sizeBytes()));
        }
        return new Outcome(null, null, qemuImg.figures(target));
    }
}
