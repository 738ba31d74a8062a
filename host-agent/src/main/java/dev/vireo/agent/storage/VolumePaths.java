package dev.vireo.agent.storage;

import dev.vireo.agent.command.CommandFailure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which volume paths the engine may name: absolute, no {@code ..}, a file called {@code <uuid>.qcow2}
 * (or {@code <uuid>.raw} for a shareable disk)
 * (or {@code <uuid>.save} for a saved VM, {@code <uuid>.vmdk} for an OVA export's disk)
 * (the engine never puts user text in a path), inside one of the host's image directories also after
 * symlinks are resolved. Existing volumes (backing, source) may have any name there, e.g. the guest kit's.
 */
public final class VolumePaths {
    /** a disk volume, or a VM's saved memory state */
    private static final Pattern VOLUME_FILE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.(qcow2|raw|save|vmdk)");

    private final List<Path> imageDirs;

    public VolumePaths(List<Path> imageDirs) {
        this.imageDirs = imageDirs;
    }

    /** A volume the command will create or change: its directory is made if missing. */
    public Path target(String raw) throws CommandFailure {
        Path path = parse(raw);
        if (!VOLUME_FILE.matcher(path.getFileName().toString()).matches()) {
            throw CommandFailure.invalid("volume file name must be <uuid>.qcow2 (or .raw, .save, .vmdk), not " + path.getFileName());
        }
        Path dir = path.getParent();
        if (imageDirs.stream().noneMatch(d -> dir.startsWith(d))) {
            throw CommandFailure.invalid("volume " + raw + " is not inside an image directory " + imageDirs);
        }
        try {
            Files.createDirectories(dir);
            Path realDir = dir.toRealPath();
            if (imageDirs.stream().map(VolumePaths::real).noneMatch(d -> d != null && realDir.startsWith(d))) {
                throw CommandFailure.invalid("volume directory " + dir + " resolves outside the image directories");
            }
            return realDir.resolve(path.getFileName());
        } catch (IOException e) {
            throw new CommandFailure(CommandFailure.INTERNAL, "cannot make directory " + dir + ": " + e.getMessage());
        }
    }

    /** A volume that must exist already (a backing or source volume). */
    public Path existing(String what, String raw) throws CommandFailure {
        Path path = parse(raw);
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw CommandFailure.notFound(what + " " + raw + " does not exist");
        }
        if (!Files.isRegularFile(real)
                || imageDirs.stream().map(VolumePaths::real).noneMatch(d -> d != null && real.startsWith(d) && !real.equals(d))) {
            throw CommandFailure.invalid(what + " " + raw + " is not a file inside an image directory " + imageDirs);
        }
        return real;
    }

    private static Path parse(String raw) throws CommandFailure {
        if (raw == null || raw.isBlank()) {
            throw CommandFailure.invalid("the volume has no path");
        }
        Path path;
        try {
            path = Path.of(raw);
        } catch (InvalidPathException e) {
            throw CommandFailure.invalid("not a valid path: " + e.getMessage());
        }
        if (!path.isAbsolute() || path.getFileName() == null) {
            throw CommandFailure.invalid("volume path " + raw + " is not absolute");
        }
        for (Path part : path) {
            if (part.toString().equals("..")) {
                throw CommandFailure.invalid("volume path " + raw + " must not contain '..'");
            }
        }
        return path.normalize();
    }

    private static Path real(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }
}
