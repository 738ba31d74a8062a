package dev.vireo.systemtests;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The production-style docker-compose.yml is valid and holds every part (no Docker engine runs here). */
class ComposeFileTest {

    @Test
    void composeFileIsValidAndComplete() throws Exception {
        Path out = Files.createTempFile("compose", ".out");
        Process p = new ProcessBuilder("docker-compose", "-f", Lab.ROOT.resolve("docker-compose.yml").toString(), "config")
                .redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "docker-compose config hung");
        String text = Files.readString(out);
        assertEquals(0, p.exitValue(), "docker-compose config failed:\n" + text);
        for (String service : new String[]{"postgres:", "keycloak:", "engine:", "web-ui:", "host-agent:"}) {
            assertTrue(text.contains(service), service + " missing:\n" + text);
        }
        assertTrue(text.contains("privileged: true"), "the host agent needs privileges for libvirt");
    }
}
