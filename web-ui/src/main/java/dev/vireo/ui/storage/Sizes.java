package dev.vireo.ui.storage;

/** Byte counts for people: "512 MiB", "1.5 GiB", "3.2 MiB"; KiB below one MiB. */
public final class Sizes {

    private static final String[] UNITS = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Sizes() {
    }

    public static String of(Long bytes) {
        if (bytes == null) {
            return "";
        }
        double v = bytes;
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        if (unit == 0) {
            return String.format("%,d bytes", bytes);
        }
        return (v == Math.rint(v) ? String.format("%,.0f", v) : String.format("%,.1f", v)) + " " + UNITS[unit];
    }
}
