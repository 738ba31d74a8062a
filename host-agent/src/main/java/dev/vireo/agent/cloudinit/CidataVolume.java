package dev.vireo.agent.cloudinit;

import dev.vireo.agent.command.CommandFailure;
import dev.vireo.agent.libvirt.HostSettings;
import dev.vireo.protocol.CloudInitSpec;
import dev.vireo.protocol.DomainSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A VM's NoCloud seed on this host: {@code user-data}, {@code meta-data} and {@code network-config} in an ISO 9660
 * volume labelled {@code cidata} (genisoimage, an argument list, never a shell), written next to the VM's disks
 * before each start and removed with the domain. The engine rendered the files; they are written as they came.
 */
public final class CidataVolume {
    private static final long TIMEOUT_SECONDS = 30;
    private final HostSettings settings;

    public CidataVolume(HostSettings settings) {
        this.settings = settings;
    }

    /** Writes the spec's seed (replacing an older one), or removes a stale one when the spec has none. */
    public void write(DomainSpec spec) throws CommandFailure {
        Path iso = settings.cidataOf(spec.domainName());
        CloudInitSpec seed = spec.cloudInit();
        if (seed == null) {
            remove(spec.domainName());
            return;
        }
        Path work = null;
        try {
            Files.createDirectories(iso.getParent());
            work = Files.createTempDirectory(iso.getParent(), ".cidata-");
            List<String> command = new ArrayList<>(List.of("genisoimage", "-quiet", "-output",
                    work.resolve("seed.iso").toString(), "-volid", "cidata", "-joliet", "-rock"));
            command.add(file(work, "user-data", seed.userData()));
            command.add(file(work, "meta-data", seed.metaData()));
            if (seed.networkConfig() != null) {
                command.add(file(work, "network-config", seed.networkConfig()));
            }
            run(command, work.resolve("genisoimage.log"));
            Files.move(work.resolve("seed.iso"), iso, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CommandFailure(CommandFailure.INTERNAL, "cannot write the cloud-init volume " + iso + ": " + e.getMessage());
        } finally {
            deleteTree(work);
        }
    }

    public void remove(String domainName) {
        try {
            Files.deleteIfExists(settings.cidataOf(domainName));
        } catch (IOException e) {
            // nothing names it any more; a later start replaces it
        }
    }

    private static String file(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text == null ? "" : text, StandardCharsets.UTF_8);
        return f.toString();
    }

    private static void run(List<String> command, Path log) throws IOException, CommandFailure {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new CommandFailure(CommandFailure.INTERNAL, "genisoimage did not finish within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CommandFailure(CommandFailure.INTERNAL, "interrupted while writing the cloud-init volume");
        }
        if (p.exitValue() != 0) {
            throw new CommandFailure(CommandFailure.INTERNAL, "genisoimage failed (" + p.exitValue() + "): " + Files.readString(log).strip());
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
