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

    record Config(int exit, String text) {
    }

    private static Config config(String enrollmentToken) throws Exception {
        Path out = Files.createTempFile("compose", ".out");
        ProcessBuilder pb = new ProcessBuilder("docker-compose", "-f", Lab.ROOT.resolve("docker-compose.yml").toString(), "config")
                .redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().remove("VIREO_ENROLLMENT_TOKEN");
        if (enrollmentToken != null) {
            pb.environment().put("VIREO_ENROLLMENT_TOKEN", enrollmentToken);
        }
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "docker-compose config hung");
        return new Config(p.exitValue(), Files.readString(out));
    }

    @Test
    void composeShipsNoEnrolmentToken() throws Exception {
        Config refused = config(null);
        assertTrue(refused.exit() != 0, "config without a token must fail:\n" + refused.text());
        assertTrue(refused.text().contains("set VIREO_ENROLLMENT_TOKEN"), refused.text());
    }

    @Test
    void composeFileIsValidAndComplete() throws Exception {
        Config config = config("a-long-random-token-for-the-test");
        String text = config.text();
        assertEquals(0, config.exit(), "docker-compose config failed:\n" + text);
        for (String service : new String[]{"postgres:", "keycloak:", "engine:", "web-ui:", "host-agent:"}) {
            assertTrue(text.contains(service), service + " missing:\n" + text);
        }
        assertTrue(text.contains("privileged: true"), "the host agent needs privileges for libvirt");
    }
}
