package dev.vireo.agent.storage;

import dev.vireo.agent.command.CommandFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * qemu-img that never ends, or that burns CPU on a crafted image, is stopped: the timeout fires although the
 * process keeps its output open, and an untrusted image's info runs under prlimit. A stand-in script plays
 * qemu-img (a real crafted image that hangs this qemu-img is not at hand).
 */
class QemuImgLimitsTest {
    @TempDir
    Path tmp;

    private Path script(String body) throws Exception {
        Path s = tmp.resolve("fake-qemu-img");
        Files.writeString(s, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwx------"));
        return s;
    }

    @Test
    void theTimeoutFiresWhileTheOutputStaysOpen() throws Exception {
        QemuImg qemuImg = new QemuImg(script("echo started; sleep 60").toString(), Duration.ofSeconds(1));
        CommandFailure f = assertTimeoutPreemptively(Duration.ofSeconds(15),
                () -> assertThrows(CommandFailure.class, () -> qemuImg.run("info", "x")));
        assertTrue(f.getMessage().contains("took longer than"), f.getMessage());
    }

    @Test
    void anUntrustedImageThatBurnsCpuIsRefusedByTheLimit() throws Exception {
        QemuImg qemuImg = new QemuImg(script("while :; do :; done").toString(), Duration.ofSeconds(60), 1L << 30, 1);
        CommandFailure f = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(CommandFailure.class, () -> qemuImg.untrustedInfo(tmp.resolve("crafted.img"))));
        assertTrue(f.getMessage().contains("went past its limits"), f.getMessage());
    }
}
