package dev.vireo.engine.ova;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OVA archives written by TarWriter, read back (also by GNU tar), and archives a hostile tool could make. */
class OvaArchiveTest {
    @TempDir
    Path dir;

    private static final byte[] DISK = "VMDK-CONTENT".repeat(100).getBytes(StandardCharsets.US_ASCII);

    private static OvfDescriptor vm(String href, long size) {
        return new OvfDescriptor("vm", null, 128, 1, List.of(new OvfDescriptor.DiskRef(href, size, 1L << 20, "vmdk")), null);
    }

    private Path archive(String name, Object... entries) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); TarWriter tar = new TarWriter(out)) {
            for (int i = 0; i < entries.length; i += 2) {
                byte[] content = (byte[]) entries[i + 1];
                tar.add((String) entries[i], content.length, new ByteArrayInputStream(content), n -> { });
            }
        }
        return file;
    }

    private String refused(Path ova) {
        Path work = dir.resolve("work-" + ova.getFileName());
        String message = assertThrows(OvaException.class, () -> OvaArchive.extract(ova, work)).getMessage();
        return message;
    }

    @Test
    void anArchiveIsExtractedAndGnuTarReadsIt() throws Exception {
        Path ova = archive("good.ova", "vm.ovf", OvfWriter.write(vm("disk1.vmdk", DISK.length)), "disk1.vmdk", DISK,
                "vm.mf", "SHA256(vm.ovf)= x\n".getBytes());
        OvaArchive.Extracted x = OvaArchive.extract(ova, dir.resolve("work"));
        assertEquals(128, x.descriptor().memoryMiB());
        assertArrayEquals(DISK, Files.readAllBytes(x.diskFiles().get(0)));
        Process tar = new ProcessBuilder("tar", "-tvf", ova.toString()).redirectErrorStream(true).start();
        String listing = new String(tar.getInputStream().readAllBytes());
        assertEquals(0, tar.waitFor(), listing);
        assertTrue(listing.contains("vm.ovf") && listing.contains("disk1.vmdk") && listing.contains(" " + DISK.length + " "), listing);
    }

    @Test
    void sizesPastUstarsOctalLimitUseBase256() throws Exception {
        byte[] header = TarWriter.header("big.vmdk", 9L << 30);
        TarReader reader = new TarReader(new ByteArrayInputStream(header), Long.MAX_VALUE);
        assertEquals(9L << 30, reader.next().size());
    }

    @Test
    void aFileThatIsNotATarIsRefused() throws Exception {
        Path text = Files.writeString(dir.resolve("text.ova"), "just some text, not an archive\n".repeat(40));
        assertTrue(refused(text).contains("not a tar archive"));
        Path empty = Files.write(dir.resolve("empty.ova"), new byte[0]);
        assertTrue(refused(empty).contains("truncated"));
        Path zeros = Files.write(dir.resolve("zeros.ova"), new byte[4096]);
        assertTrue(refused(zeros).contains("empty"));
    }

    @Test
    void theDescriptorMustComeFirstAndEveryDiskMustBeThere() throws Exception {
        assertTrue(refused(archive("late.ova", "disk1.vmdk", DISK, "vm.ovf", OvfWriter.write(vm("disk1.vmdk", DISK.length))))
                .contains("first entry must be its .ovf"));
        assertTrue(refused(archive("missing.ova", "vm.ovf", OvfWriter.write(vm("disk1.vmdk", DISK.length))))
                .contains("does not hold"));
        assertTrue(refused(archive("sized.ova", "vm.ovf", OvfWriter.write(vm("disk1.vmdk", 7)), "disk1.vmdk", DISK))
                .contains("the archive holds " + DISK.length));
        assertTrue(refused(archive("badxml.ova", "vm.ovf", "<Envelope".getBytes())).contains("not valid XML"));
    }

    @Test
    void entriesThatLeaveTheArchiveAreRefusedAndNothingIsWritten() throws Exception {
        Path ova = archive("escape.ova", "vm.ovf", OvfWriter.write(vm("disk1.vmdk", DISK.length)),
                "../../escaped.vmdk", DISK, "disk1.vmdk", DISK);
        assertTrue(refused(ova).contains("escape the archive"));
        assertFalse(Files.exists(dir.resolve("work-escape.ova")), "nothing extracted before the bad entry");
        assertFalse(Files.exists(dir.getParent().getParent().resolve("escaped.vmdk")));
    }

    @Test
    void anEntryLargerThanTheFileIsRefused() throws Exception {
        Path ova = archive("short.ova", "vm.ovf", OvfWriter.write(vm("disk1.vmdk", -1)), "disk1.vmdk", DISK);
        byte[] bytes = Files.readAllBytes(ova);
        // rewrite the disk entry's header to claim 1 TiB, with a valid checksum
        byte[] header = TarWriter.header("disk1.vmdk", 1L << 40);
        int at = 512 + (int) ((OvfWriter.write(vm("disk1.vmdk", -1)).length + 511) / 512 * 512);
        System.arraycopy(header, 0, bytes, at, 512);
        Files.write(ova, bytes);
        assertTrue(refused(ova).contains("only"), "claims more than follows");
    }
}
