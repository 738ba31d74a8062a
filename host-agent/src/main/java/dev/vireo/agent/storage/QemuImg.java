package dev.vireo.agent.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vireo.agent.command.CommandFailure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code qemu-img} with an argument list (never a shell, so a path is one argument whatever it
 * holds) and turns its failures into {@link CommandFailure}s carrying qemu-img's own message.
 */
public class QemuImg {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String binary;
    private final Duration timeout;
    private final long untrustedAddressSpace;
    private final int untrustedCpuSeconds;

    public QemuImg() {
        this("qemu-img", Duration.ofMinutes(30));
    }

    public QemuImg(String binary, Duration timeout) {
        this(binary, timeout, UNTRUSTED_ADDRESS_SPACE_BYTES, UNTRUSTED_CPU_SECONDS);
    }

    QemuImg(String binary, Duration timeout, long untrustedAddressSpace, int untrustedCpuSeconds) {
        this.binary = binary;
        this.timeout = timeout;
        this.untrustedAddressSpace = untrustedAddressSpace;
        this.untrustedCpuSeconds = untrustedCpuSeconds;
    }

    /**
     * Limits for {@code qemu-img info} of a file someone uploaded, as OpenStack sets them: a crafted image can make
     * qemu-img allocate or compute without end, and the limit turns that into a refusal.
     */
    static final long UNTRUSTED_ADDRESS_SPACE_BYTES = 1L << 30;
    static final int UNTRUSTED_CPU_SECONDS = 30;

    public String run(String... args) throws CommandFailure {
        return run(List.of(), args);
    }

    /**
     * Runs qemu-img behind {@code prefix} (a resource limiter, or nothing). Its output is read on a thread of its
     * own, so the timeout fires even when qemu-img hangs with its output open; then it is killed.
     */
    private String run(List<String> prefix, String... args) throws CommandFailure {
        List<String> command = new ArrayList<>(prefix);
        command.add(binary);
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
        } catch (IOException e) {
            throw new CommandFailure(CommandFailure.INTERNAL, "cannot run qemu-img: " + e.getMessage());
        }
        java.util.concurrent.CompletableFuture<byte[]> out = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return p.getInputStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        }, r -> {
            Thread t = new Thread(r, "qemu-img-output");
            t.setDaemon(true);
            t.start();
        });
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new CommandFailure(CommandFailure.INTERNAL, "qemu-img " + args[0] + " took longer than " + timeout
                        + "; stopped");
            }
            String text = new String(out.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                if (!prefix.isEmpty() && (p.exitValue() == 137 || p.exitValue() == 152 || text.contains("Cannot allocate memory"))) {
                    throw CommandFailure.invalid("qemu-img " + args[0] + " went past its limits on this image ("
                            + (untrustedAddressSpace >> 20) + " MiB of memory, " + untrustedCpuSeconds
                            + " s of CPU): refused as a crafted or broken image");
                }
                throw CommandFailure.invalid("qemu-img " + args[0] + " failed: " + text);
            }
            return text;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CommandFailure(CommandFailure.INTERNAL, "interrupted");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new CommandFailure(CommandFailure.INTERNAL, "qemu-img " + args[0] + ": its output could not be read");
        }
    }

    /**
     * {@code qemu-img info} of an image someone else made (an upload, an import): under {@code prlimit} (address
     * space and CPU time) as well as the timeout, so that a crafted header cannot exhaust the host.
     */
    public JsonNode untrustedInfo(Path image) throws CommandFailure {
        try {
            return JSON.readTree(run(List.of("prlimit", "--as=" + untrustedAddressSpace,
                    "--cpu=" + untrustedCpuSeconds, "--"), "info", "--output=json", "--force-share", image.toString()));
        } catch (IOException e) {
            throw new CommandFailure(CommandFailure.INTERNAL, "qemu-img info gave no JSON: " + e.getMessage());
        }
    }

    /** {@code qemu-img info}: the format qemu-img detects (never trusting the file name). */
    public JsonNode info(Path volume) throws CommandFailure {
        try {
            return JSON.readTree(run("info", "--output=json", "--force-share", volume.toString()));
        } catch (IOException e) {
            throw new CommandFailure(CommandFailure.INTERNAL, "qemu-img info gave no JSON: " + e.getMessage());
        }
    }

    /** The figures every volume command replies with. */
    public Map<String, Long> figures(Path volume) throws CommandFailure {
        JsonNode info = info(volume);
        return Map.of("virtual_size_bytes", info.path("virtual-size").asLong(),
                "actual_size_bytes", info.path("actual-size").asLong());
    }
}
