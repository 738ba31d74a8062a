package dev.vireo.ui.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The upload form: the format from the file's extension, an image name from the file's, and its checks. */
class UploadFormTest {

    @Test
    void theFormatComesFromTheExtension() {
        assertEquals("qcow2", UploadForm.formatOf("debian-12.QCOW2"));
        assertEquals("raw", UploadForm.formatOf("disk.img"));
        assertEquals("iso", UploadForm.formatOf("install.iso"));
        assertEquals("vmdk", UploadForm.formatOf("vm.disk1.vmdk"));
        assertNull(UploadForm.formatOf("notes.txt"));
        assertNull(UploadForm.formatOf("README"));
        assertNull(UploadForm.formatOf(null));
    }

    @Test
    void anUploadResumesOnlyFromAFileOfItsNameAndSize() {
        assertNull(UploadForm.resumeCheck("debian-12", 8192, "debian-12.qcow2", 8192));
        assertNull(UploadForm.resumeCheck("debian-12", 8192, "C:\\fakepath\\debian-12.qcow2", 8192));
        assertEquals("The upload of debian-12 cannot resume from other.qcow2: choose the same file again",
                UploadForm.resumeCheck("debian-12", 8192, "other.qcow2", 8192));
        assertEquals("debian-12.qcow2 has 8191 bytes, the upload of debian-12 8192: it is not the same file",
                UploadForm.resumeCheck("debian-12", 8192, "debian-12.qcow2", 8191));
        assertEquals("The upload of debian-12 cannot resume from : choose the same file again",
                UploadForm.resumeCheck("debian-12", 8192, null, -1));
    }

    @Test
    void theNameIsTheFilesWithoutWhatANameMayNotHold() {
        assertEquals("debian-12", UploadForm.nameOf("debian-12.qcow2"));
        assertEquals("my-disk-1-.raw.bak", UploadForm.nameOf("my disk (1).raw.bak"));
        assertEquals("evil", UploadForm.nameOf("C:\\fakepath\\..\\evil.iso"));
        assertEquals("hidden", UploadForm.nameOf(".hidden"));
        assertEquals("image", UploadForm.nameOf("..."));
        assertEquals(64, UploadForm.nameOf("x".repeat(100) + ".iso").length());
    }

    @Test
    void whatIsWrongIsSaidInWords() {
        assertNull(UploadForm.check("disk", "qcow2", 512L));
        assertEquals("Choose a file to upload", UploadForm.check("disk", "qcow2", null));
        assertEquals("The file has 100 bytes; an image has at least 512", UploadForm.check("disk", "raw", 100L));
        assertEquals("An image name starts with a letter or digit and holds at most 64 letters, digits, '.', '_' and '-'",
                UploadForm.check("-x", "raw", 4096L));
        assertEquals("Choose the image's format", UploadForm.check("disk", "exe", 4096L));
        assertEquals("Choose the image's format", UploadForm.check("disk", null, 4096L));
    }
}
