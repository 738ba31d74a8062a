package dev.vireo.ui.storage;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The upload form's rules, apart from its fields: the image format guessed from a file's name, a name for the image
 * the engine accepts made from the file's, and what is wrong with the form in words (null: nothing).
 */
final class UploadForm {

    static final List<String> FORMATS = List.of("qcow2", "raw", "vmdk", "vdi", "vhdx", "ova", "iso");
    /** the engine's smallest image */
    static final long MIN_BYTES = 512;
    private static final Map<String, String> BY_EXTENSION = Map.of("qcow2", "qcow2", "qcow", "qcow2", "img", "raw",
            "raw", "raw", "vmdk", "vmdk", "vdi", "vdi", "vhdx", "vhdx", "ova", "ova", "iso", "iso");
    private static final String NAME = "[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,63}";

    private UploadForm() {
    }

    /** The format a file's extension says, or null when it says none the engine takes. */
    static String formatOf(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        return dot < 0 ? null : BY_EXTENSION.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The file's name without its known extension, with what a name may not hold replaced by '-'. */
    static String nameOf(String fileName) {
        String n = fileName == null ? "" : fileName.strip();
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        n = n.substring(slash + 1);
        if (formatOf(n) != null) {
            n = n.substring(0, n.lastIndexOf('.'));
        }
        n = n.replaceAll("[^\\p{L}\\p{N}._-]+", "-").replaceFirst("^[._-]+", "");
        if (n.isEmpty()) {
            n = "image";
        }
        return n.length() > 64 ? n.substring(0, 64) : n;
    }

    /**
     * Whether a chosen file may resume an unfinished upload: same size to the byte, and a name that gives the
     * upload's image name (the engine's SHA-256 check at the end proves the content is the same); null when it may.
     */
    static String resumeCheck(String uploadName, long uploadSize, String fileName, long fileSize) {
        String base = fileName == null ? "" : fileName.strip();
        if (!uploadName.equals(nameOf(base)) && !uploadName.equals(base)) {
            return "The upload of " + uploadName + " cannot resume from " + base + ": choose the same file again";
        }
        if (fileSize != uploadSize) {
            return base + " has " + fileSize + " bytes, the upload of " + uploadName + " " + uploadSize
                    + ": it is not the same file";
        }
        return null;
    }

    static String check(String name, String format, Long sizeBytes) {
        if (sizeBytes == null) {
            return "Choose a file to upload";
        }
        if (sizeBytes < MIN_BYTES) {
            return "The file has " + sizeBytes + " bytes; an image has at least " + MIN_BYTES;
        }
        String n = name == null ? "" : name.strip();
        if (!n.matches(NAME)) {
            return "An image name starts with a letter or digit and holds at most 64 letters, digits, '.', '_' and '-'";
        }
        if (format == null || !FORMATS.contains(format)) {
            return "Choose the image's format";
        }
        return null;
    }
}
