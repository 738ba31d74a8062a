package dev.vireo.agent.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.agent.command.CommandFailure;
import dev.vireo.agent.command.DomainCommand;
import dev.vireo.agent.command.Outcome;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.VolumeSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * COPY_VOLUME: a standalone qcow2 copy of a volume (a template's base, a full clone, an imported vmdk,
 * vdi, vhdx or raw image converted), its backing chain flattened. The source format is what qemu-img
 * detects in the file, never what its name says; the copy is written under a temporary name and
 * renamed, so a failed copy leaves nothing behind.
 */
public final class CopyVolume implements DomainCommand {
    private final VolumePaths paths;
    private final QemuImg qemuImg;

    public CopyVolume(VolumePaths paths, QemuImg qemuImg) {
        this.paths = paths;
        this.qemuImg = qemuImg;
    }

    @Override
    public CommandAction action() {
        return CommandAction.COPY_VOLUME;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String diskId) throws CommandFailure {
        VolumeSpec spec = Volumes.spec(command);
        Path target = Volumes.newVolume(paths, spec);
        Path source = paths.existing("source volume", spec.sourcePath());
        // an import (a claimed source format) reads someone else's file: under resource limits
        JsonNode info = spec.sourceFormat() != null ? qemuImg.untrustedInfo(source) : qemuImg.info(source);
        String format = info.path("format").asText();
        if (spec.sourceFormat() != null) {
            if (!spec.sourceFormat().equals(format)) {
                throw CommandFailure.invalid("the image is " + format + ", not " + spec.sourceFormat() + " as it claims");
            }
            UntrustedImage.requireSelfContained(info, source);
        }
        boolean vmdk = "vmdk".equals(spec.targetFormat());
        if (spec.targetFormat() != null && !vmdk && !"qcow2".equals(spec.targetFormat())) {
            throw CommandFailure.invalid("a copy is made as qcow2 or vmdk, not " + spec.targetFormat());
        }
        if (vmdk != target.getFileName().toString().endsWith(".vmdk")) {
            throw CommandFailure.invalid("a vmdk copy is named <uuid>.vmdk, a qcow2 one <uuid>.qcow2");
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            if (vmdk) {
                // streamOptimized: compressed, one self-contained file, what OVF consumers expect
                qemuImg.run("convert", "-q", "-f", format, "-O", "vmdk", "-o", "subformat=streamOptimized",
                        source.toString(), partial.toString());
            } else {
                qemuImg.run("convert", "-q", "-f", format, "-O", "qcow2", source.toString(), partial.toString());
            }
            Files.move(partial, target);
        } catch (IOException e) {
            throw new CommandFailure(CommandFailure.INTERNAL, "cannot finish the copy: " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // best effort: a leftover .partial is never used as a volume
            }
        }
        return new Outcome(null, null, qemuImg.figures(target));
    }
}
