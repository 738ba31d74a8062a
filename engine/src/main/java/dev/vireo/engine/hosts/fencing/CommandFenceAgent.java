package dev.vireo.engine.hosts.fencing;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Fences by running a configured command, {@code vireo.fencing.command}, a comma-separated argument list
 * in which {@code {host}} stands for the host's name (e.g. {@code /usr/sbin/fence_ipmilan,...} or, in the
 * lab, {@code lab/host.sh,stop,{host}}). No shell: the name is one argument, and host names are checked at
 * enrolment to be DNS-style. Exit status 0 means the host is off.
 */
@ApplicationScoped
public class CommandFenceAgent implements FenceAgent {

    @ConfigProperty(name = "vireo.fencing.command")
    Optional<List<String>> command;

    @ConfigProperty(name = "vireo.fencing.timeout-seconds", defaultValue = "120")
    int timeoutSeconds;

    @Override
    public boolean configured() {
        return command.isPresent() && !command.get().isEmpty();
    }

    @Override
    public String fence(String hostName) {
        if (!configured()) {
            return "no fence agent is configured (vireo.fencing.command)";
        }
        List<String> argv = new ArrayList<>();
        for (String arg : command.get()) {
            argv.add(arg.replace("{host}", hostName));
        }
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "the fence command did not finish within " + timeoutSeconds + " s";
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                return "the fence command failed (exit " + p.exitValue() + "): "
                        + (output.length() > 500 ? output.substring(output.length() - 500) : output);
            }
            return null;
        } catch (IOException e) {
            return "the fence command could not run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while fencing";
        }
    }
}
