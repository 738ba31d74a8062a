package dev.vireo.ui.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.ui.engine.Disk;
import org.junit.jupiter.api.Test;

/** The new-disk form: GiB to MiB, the engine's limits and names, in words. */
class DiskFormTest {

    @Test
    void gibBecomeWholeMib() {
        assertEquals(new Disk.New("data", "sd1", 2048, false, "qcow2"), DiskForm.request(" data ", 2.0, "sd1", false));
        assertEquals(new Disk.New("data", null, 512, false, "qcow2"), DiskForm.request("data", 0.5, null, false));
        // a shareable disk is raw, as the engine requires: the form never asks for a shareable qcow2
        assertEquals(new Disk.New("quorum", null, 1024, true, "raw"), DiskForm.request("quorum", 1.0, null, true));
        assertEquals(1, DiskForm.mibOf(0.001));
        assertEquals(1L << 30, DiskForm.mibOf(1024.0 * 1024));
    }

    @Test
    void whatIsWrongIsSaidBeforeTheEngineIsAsked() {
        assertNull(DiskForm.check("vm1-disk2", 1.0));
        assertEquals("Give the disk a name", DiskForm.check("  ", 1.0));
        assertEquals("A disk name starts with a letter or digit and holds at most 64 letters, digits, '.', '_' and '-'",
                DiskForm.check("../etc", 1.0));
        assertEquals("A disk name starts with a letter or digit and holds at most 64 letters, digits, '.', '_' and '-'",
                DiskForm.check("x".repeat(65), 1.0));
        assertEquals("Enter a size in GiB", DiskForm.check("d", null));
        assertEquals("A disk needs at least 1 MiB (0.001 GiB)", DiskForm.check("d", 0.0));
        assertEquals("A disk needs at least 1 MiB (0.001 GiB)", DiskForm.check("d", -3.0));
        assertEquals("A disk holds at most 1,048,576 GiB (1 PiB)", DiskForm.check("d", 1024.0 * 1024 + 1));
        assertThrows(IllegalArgumentException.class, () -> DiskForm.request("d", 0.0, null, false));
    }

    @Test
    void sizesReadLikeAPersonWouldWriteThem() {
        assertEquals("512 MiB", Sizes.of(512L << 20));
        assertEquals("1.5 GiB", Sizes.of(3L << 29));
        assertEquals("100 bytes", Sizes.of(100L));
        assertEquals("4 KiB", Sizes.of(4096L));
        assertEquals("", Sizes.of(null));
    }
}
