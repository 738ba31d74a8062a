package dev.vireo.agent.storage;

import dev.vireo.agent.command.CommandFailure;
import dev.vireo.agent.command.DomainCommand;
import dev.vireo.agent.command.Outcome;
import dev.vireo.agent.libvirt.DiskFormat;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.VolumeSpec;

import java.nio.file.Path;

/**
 * CREATE_VOLUME: a new thin qcow2 volume, empty of a size or layered over a backing volume (a thin
 * clone: only what the clone writes is stored in it, so it is made in milliseconds at any size). A file named
 * {@code <uuid>.raw} is a shareable disk's: an empty sparse raw volume (what QEMU needs to share a disk
 * between running guests), never layered over another.
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
        DiskFormat volumeFormat = DiskFormat.of(target);
        if (volumeFormat == DiskFormat.RAW && spec.backingPath() != null) {
            throw CommandFailure.invalid("a raw volume cannot be a thin clone: only qcow2 has a backing file");
        }
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
            qemuImg.run("create", "-q", "-f", volumeFormat.libvirtName(), target.toString(), Long.toString(spec.sizeBytes()));
        }
        return new Outcome(null, null, qemuImg.figures(target));
    }
}
