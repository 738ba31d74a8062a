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

    public QemuImg() {
        this("qemu-img", Duration.ofMinutes(30));
    }

    public QemuImg(String binary, Duration timeout) {
        this.binary = binary;
        this.timeout = timeout;
    }

    public String run(String... args) throws CommandFailure {
        List<String> command = new ArrayList<>(List.of(binary));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new CommandFailure(CommandFailure.INTERNAL, "qemu-img " + args[0] + " took longer than " + timeout);
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw CommandFailure.invalid("qemu-img " + args[0] + " failed: " + text);
            }
            return text;
        } catch (IOException e) {
            throw new CommandFailure(CommandFailure.INTERNAL, "cannot run qemu-img: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure(CommandFailure.INTERNAL, "interrupted");
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
