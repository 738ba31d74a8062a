package dev.vireo.agent.storage;

import dev.vireo.agent.command.CommandFailure;
import dev.vireo.agent.command.DomainCommand;
import dev.vireo.agent.command.Outcome;
import dev.vireo.agent.libvirt.DiskFormat;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.VolumeSpec;

import java.nio.file.Path;

/** RESIZE_VOLUME: grows a volume (shrinking would cut off a guest's data, so it is refused). */
public final class ResizeVolume implements DomainCommand {
    private final VolumePaths paths;
    private final QemuImg qemuImg;

    public ResizeVolume(VolumePaths paths, QemuImg qemuImg) {
        this.paths = paths;
        this.qemuImg = qemuImg;
    }

    @Override
    public CommandAction action() {
        return CommandAction.RESIZE_VOLUME;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String diskId) throws CommandFailure {
        VolumeSpec spec = Volumes.spec(command);
        Path volume = paths.existing("volume", spec.path());
        Volumes.checkSize(spec.sizeBytes(), CreateVolume.MAX_BYTES);
        long current = qemuImg.info(volume).path("virtual-size").asLong();
        if (spec.sizeBytes() < current) {
            throw CommandFailure.invalid("a volume only grows: it has " + current + " bytes, asked for " + spec.sizeBytes());
        }
        if (spec.sizeBytes() > current) {
            // a shareable disk's volume is raw (<id>.raw)
            qemuImg.run("resize", "-q", "-f", DiskFormat.of(volume).libvirtName(), volume.toString(),
                    Long.toString(spec.sizeBytes()));
        }
        return new Outcome(null, null, qemuImg.figures(volume));
    }
}
