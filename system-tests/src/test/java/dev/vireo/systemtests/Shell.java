package dev.vireo.systemtests;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Commands the lab tests run on this machine (argument lists, never a shell), with their output. */
final class Shell {
    private Shell() {
    }

    record Result(int exit, String output) {
    }

    /** Runs the command; fails the test when it takes over a minute. */
    static Result run(String... command) throws Exception {
        Path out = Files.createTempFile("vireo-cmd", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + List.of(command));
            }
            return new Result(p.exitValue(), Files.readString(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Runs the command; fails the test unless it succeeds. */
    static String sh(String... command) throws Exception {
        Result r = run(command);
        if (r.exit() != 0) {
            throw new AssertionError("failed (" + r.exit() + "): " + List.of(command) + "\n" + r.output());
        }
        return r.output();
    }
}
