package dev.vireo.agent.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link Exec} by {@link ProcessBuilder}: argument lists only, bounded in time, stderr folded into the message. */
public final class ProcessExec implements Exec {
    private static final long TIMEOUT_SECONDS = 30;

    @Override
    public String run(List<String> argv) throws NetworkCommandException {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            byte[] out;
            try (var in = p.getInputStream()) {
                out = in.readAllBytes(); // ends when the process closes its output
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new NetworkCommandException(String.join(" ", argv) + ": timed out");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new NetworkCommandException(String.join(" ", argv) + " failed (exit " + p.exitValue() + "): "
                        + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new NetworkCommandException(String.join(" ", argv) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkCommandException(String.join(" ", argv) + ": interrupted");
        }
    }
}
