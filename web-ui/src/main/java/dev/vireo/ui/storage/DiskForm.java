package dev.vireo.ui.storage;

import dev.vireo.ui.engine.Disk;

/**
 * The new-disk form's rules, apart from its fields: a name the engine accepts, and a size in GiB (fractions
 * allowed) turned into whole MiB within the engine's limits (1 MiB to 1 PiB). {@link #check} answers what is
 * wrong, in words, or null.
 */
final class DiskForm {

    /** 1 PiB in MiB, the engine's largest disk */
    static final long MAX_MIB = 1L << 30;
    private static final String NAME = "[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,63}";

    private DiskForm() {
    }

    /** Whole MiB for a size in GiB (rounded to the nearest MiB). */
    static long mibOf(double gib) {
        return Math.round(gib * 1024);
    }

    /** What is wrong with the fields, or null when a disk can be asked for. */
    static String check(String name, Double sizeGib) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            return "Give the disk a name";
        }
        if (!n.matches(NAME)) {
            return "A disk name starts with a letter or digit and holds at most 64 letters, digits, '.', '_' and '-'";
        }
        if (sizeGib == null || sizeGib.isNaN()) {
            return "Enter a size in GiB";
        }
        long mib = mibOf(sizeGib);
        if (mib < 1) {
            return "A disk needs at least 1 MiB (0.001 GiB)";
        }
        if (mib > MAX_MIB) {
            return "A disk holds at most 1,048,576 GiB (1 PiB)";
        }
        return null;
    }

    /** The volume format a new disk gets: a shareable disk is raw (the engine refuses qcow2 for one), any other qcow2. */
    static String formatFor(boolean shareable) {
        return shareable ? "raw" : "qcow2";
    }

    /** What the form says about the format it will ask for. */
    static String formatNote(boolean shareable) {
        return shareable
                ? "raw, fully sized on first write by the guests: QEMU shares only raw images safely between running VMs"
                : "thin qcow2: one VM at a time";
    }

    /** The request for a checked form; {@code domainId} null: the default storage domain. */
    static Disk.New request(String name, Double sizeGib, String domainId, boolean shareable) {
        String why = check(name, sizeGib);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        return new Disk.New(name.strip(), domainId, mibOf(sizeGib), shareable, formatFor(shareable));
    }
}
