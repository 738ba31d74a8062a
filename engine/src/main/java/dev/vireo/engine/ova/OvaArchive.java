package dev.vireo.engine.ova;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An OVA is a tar whose first entry is the OVF descriptor, followed by the files it references (DSP0243
 * §5.3). Reading one: the descriptor is read (at most 1 MiB) and checked, then each disk it references is
 * streamed into a work directory under an engine-made name; other entries (a manifest, a certificate) are
 * skipped. Entry names must be plain file names, so nothing can point out of the archive.
 */
final class OvaArchive {
    /** The descriptor, and the extracted disk files in the descriptor's order. */
    record Extracted(OvfDescriptor descriptor, List<Path> diskFiles) {
    }

    private OvaArchive() {
    }

    /** Only the descriptor (the first entry), checked. */
    static OvfDescriptor descriptor(Path ova) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(ova), 1 << 16)) {
            return readDescriptor(new TarReader(in, Files.size(ova)));
        } catch (java.io.EOFException e) {
            throw new OvaException("the archive is truncated: " + e.getMessage());
        }
    }

    static Extracted extract(Path ova, Path workDir) throws IOException {
        long length = Files.size(ova);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(ova), 1 << 16)) {
            TarReader tar = new TarReader(in, length);
            OvfDescriptor descriptor = readDescriptor(tar);
            Map<String, Integer> wanted = new HashMap<>();
            for (int i = 0; i < descriptor.disks().size(); i++) {
                if (wanted.put(descriptor.disks().get(i).fileHref(), i) != null) {
                    throw new OvaException("two disks refer to the same file " + descriptor.disks().get(i).fileHref());
                }
            }
            Path[] files = new Path[descriptor.disks().size()];
            for (TarReader.Entry e = tar.next(); e != null; e = tar.next()) {
                OvfReader.requireEntryName(e.name());
                if (!e.regularFile()) {
                    throw new OvaException("the archive entry " + TarReader.printable(e.name())
                            + " is not a regular file (links and directories are refused)");
                }
                Integer index = wanted.get(e.name());
                if (index == null) {
                    continue;
                }
                OvfDescriptor.DiskRef disk = descriptor.disks().get(index);
                if (files[index] != null) {
                    throw new OvaException("the archive holds " + e.name() + " twice");
                }
                if (disk.fileSize() >= 0 && disk.fileSize() != e.size()) {
                    throw new OvaException("the OVF says " + e.name() + " is " + disk.fileSize() + " bytes; the archive holds "
                            + e.size());
                }
                Files.createDirectories(workDir);
                if (Files.getFileStore(workDir).getUsableSpace() < e.size()) {
                    throw new OvaException("the storage domain has too little room to unpack " + e.name() + " ("
                            + (e.size() >> 20) + " MiB)");
                }
                Path target = workDir.resolve("disk" + (index + 1) + "." + disk.format());
                Files.copy(tar.content(), target);
                files[index] = target;
            }
            for (int i = 0; i < files.length; i++) {
                if (files[i] == null) {
                    throw new OvaException("the OVF refers to " + descriptor.disks().get(i).fileHref()
                            + ", which the archive does not hold");
                }
            }
            return new Extracted(descriptor, List.of(files));
        } catch (java.io.EOFException e) {
            throw new OvaException("the archive is truncated: " + e.getMessage());
        }
    }

    private static OvfDescriptor readDescriptor(TarReader tar) throws IOException {
        TarReader.Entry first = tar.next();
        if (first == null) {
            throw new OvaException("the archive is empty");
        }
        OvfReader.requireEntryName(first.name());
        if (!first.regularFile() || !first.name().toLowerCase().endsWith(".ovf")) {
            throw new OvaException("an OVA's first entry must be its .ovf descriptor, not " + TarReader.printable(first.name()));
        }
        if (first.size() > OvfReader.MAX_BYTES) {
            throw new OvaException("the OVF descriptor is " + first.size() + " bytes; at most " + OvfReader.MAX_BYTES + " are read");
        }
        return OvfReader.read(tar.content().readAllBytes());
    }

    static List<String> entryNames(Path ova) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(ova))) {
            TarReader tar = new TarReader(in, Files.size(ova));
            for (TarReader.Entry e = tar.next(); e != null; e = tar.next()) {
                names.add(e.name());
            }
        }
        return names;
    }
}
