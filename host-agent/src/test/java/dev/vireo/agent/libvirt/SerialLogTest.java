package dev.vireo.agent.libvirt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SerialLogTest {
    @TempDir
    Path dir;

    SerialLog log() {
        return new SerialLog(new HostSettings("test", List.of(dir), dir, "127.0.0.1"));
    }

    @Test
    void tailOfTheLog() throws Exception {
        Files.writeString(dir.resolve("vireo-x-serial.log"), "line 1\nGUEST-BOOTED\n");
        assertEquals("line 1\nGUEST-BOOTED\n", log().tail("vireo-x", 64 * 1024));
        assertEquals("BOOTED\n", log().tail("vireo-x", 7));
    }

    @Test
    void cutCharactersAndMalformedBytesDoNotBreakTheText() throws Exception {
        byte[] bytes = "ééé".getBytes(StandardCharsets.UTF_8); // 6 bytes
        Files.write(dir.resolve("vireo-x-serial.log"), bytes);
        assertEquals("éé", log().tail("vireo-x", 5), "the half character at the start is dropped");
        Files.write(dir.resolve("vireo-y-serial.log"), new byte[]{'o', 'k', (byte) 0xff, '!'});
        assertEquals("ok\uFFFD!", log().tail("vireo-y", 100));
    }

    @Test
    void missingLog() {
        assertThrows(NoSuchFileException.class, () -> log().tail("vireo-none", 10));
    }
}
