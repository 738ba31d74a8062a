package dev.vireo.agent.libvirt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The format of a disk image as libvirt's {@code <driver type=…>} names it.
 * A known extension decides ({@code .qcow2}, {@code .raw}, {@code .img}); only for other names is the header
 * looked at, so a guest that writes a qcow2 header into its raw disk cannot turn it into a qcow2 image with a
 * backing file of its choosing.
 */
public enum DiskFormat {
    QCOW2("qcow2"), RAW("raw");

    private static final byte[] QCOW2_MAGIC = {'Q', 'F', 'I', (byte) 0xfb};

    private final String libvirtName;

    DiskFormat(String libvirtName) {
        this.libvirtName = libvirtName;
    }

    public String libvirtName() {
        return libvirtName;
    }

    public static DiskFormat of(Path image) {
        String name = image.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".qcow2")) {
            return QCOW2;
        }
        if (name.endsWith(".raw") || name.endsWith(".img")) {
            return RAW;
        }
        return hasQcow2Header(image) ? QCOW2 : RAW;
    }

    static boolean hasQcow2Header(Path image) {
        try (InputStream in = Files.newInputStream(image)) {
            return Arrays.equals(in.readNBytes(4), QCOW2_MAGIC);
        } catch (IOException e) {
            return false;
        }
    }
}
