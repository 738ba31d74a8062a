package dev.vireo.agent.libvirt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Decides whether a host path from a spec may reach libvirt: absolute, no {@code ..}, an existing regular
 * file, and — after resolving symlinks — inside one of the configured image directories.
 */
final class ImagePathPolicy {
    private final List<Path> imageDirs;

    ImagePathPolicy(List<Path> imageDirs) {
        this.imageDirs = imageDirs;
    }

    /**
     * @param what what the path is, for the message ("boot kernel")
     * @return the real path (symlinks resolved), which is what goes into the XML
     */
    Path check(String what, String raw) throws InvalidSpecException {
        Path path;
        try {
            path = Path.of(raw);
        } catch (InvalidPathException e) {
            throw new InvalidSpecException(what + " is not a valid path");
        }
        if (!path.isAbsolute()) {
            throw new InvalidSpecException(what + " " + raw + " is not an absolute path");
        }
        if (hasDotDot(path) || hasDotDot(path.normalize())) {
            throw new InvalidSpecException(what + " " + raw + " must not contain '..'");
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw new InvalidSpecException(what + " " + raw + " does not exist");
        } catch (IOException e) {
            throw new InvalidSpecException(what + " " + raw + " cannot be read: " + e.getMessage());
        }
        if (!Files.isRegularFile(real)) {
            throw new InvalidSpecException(what + " " + raw + " is not a regular file");
        }
        for (Path dir : imageDirs) {
            Path realDir = realDir(dir);
            if (realDir != null && real.startsWith(realDir) && !real.equals(realDir)) {
                return real;
            }
        }
        throw new InvalidSpecException(what + " " + raw + " is not inside an image directory " + imageDirs
                + (real.equals(path) ? "" : " (it resolves to " + real + ")"));
    }

    private static boolean hasDotDot(Path path) {
        for (Path part : path) {
            if (part.toString().equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static Path realDir(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }
}
