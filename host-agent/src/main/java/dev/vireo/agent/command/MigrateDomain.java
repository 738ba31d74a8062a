package dev.vireo.agent.command;

import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.DomainStates;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DomainState;
import dev.vireo.protocol.DomainStatus;
import dev.vireo.protocol.MigrationSpec;
import org.libvirt.Domain;
import org.libvirt.DomainJobInfo;
import org.libvirt.LibvirtException;
import org.libvirt.TypedParameter;
import org.libvirt.TypedStringParameter;
import org.libvirt.TypedUlongParameter;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * MIGRATE: live-migrate a running domain to another host, peer to peer (this host's libvirtd connects to the
 * destination's), keeping the definition there and removing it here. Blocks until libvirt has finished or
 * failed, reporting progress twice a second; on failure the domain keeps running here, as libvirt
 * guarantees. The reply carries the finished migration's figures (downtime, time, data).
 * <p>
 * Volumes on non-shared storage ({@link MigrationSpec#copyVolumes()}) are copied while the guest runs
 * (copy-storage-all: libvirt mirrors them over NBD into the destination's volumes at the same paths, which the
 * engine has made there); only those disks are named to libvirt (migrate_disks), so a disk on shared storage is
 * never copied onto itself. A shareable disk is never copied: other guests may write to it meanwhile.
 */
public final class MigrateDomain implements DomainCommand {
    /** what the engine may send: a libvirt URI of a remote QEMU driver, nothing that reaches a shell */
    private static final Pattern DESTINATION = Pattern.compile("qemu\\+(tcp|tls|ssh)://[A-Za-z0-9.:\\[\\]-]+/system");

    private final DomainInventory inventory;
    private final ProgressSink progress;

    public MigrateDomain(DomainInventory inventory, ProgressSink progress) {
        this.inventory = inventory;
        this.progress = progress;
    }

    @Override
    public CommandAction action() {
        return CommandAction.MIGRATE;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String vmId) throws CommandFailure, LibvirtException {
        MigrationSpec migration = command.migration();
        if (migration == null || migration.destinationUri() == null
                || !DESTINATION.matcher(migration.destinationUri()).matches()) {
            throw CommandFailure.invalid("MIGRATE needs a destination like qemu+tcp://HOST/system");
        }
        if (migration.maxDowntimeMs() < 0 || migration.bandwidthMiBps() < 0) {
            throw CommandFailure.invalid("downtime and bandwidth must not be negative");
        }
        Domain domain = Domains.require(inventory, vmId);
        DomainState state = Domains.state(domain);
        if (!DomainStates.isActive(state)) {
            throw CommandFailure.invalid(Domains.describe(domain, state) + "; only a running domain can migrate live");
        }
        if (migration.maxDowntimeMs() > 0) {
            domain.migrateSetMaxDowntime(migration.maxDowntimeMs());
        }
        List<String> copied = copiedTargets(domain, migration.copyVolumes());
        int flags = Domain.MigrateFlags.LIVE | Domain.MigrateFlags.PEER2PEER | Domain.MigrateFlags.PERSIST_DEST
                | Domain.MigrateFlags.UNDEFINE_SOURCE
                // the disks not copied are on shared storage (the same path on every host), which libvirt
                // cannot prove for a plain directory: it would refuse without this
                | Domain.MigrateFlags.UNSAFE
                | (migration.autoConverge() ? Domain.MigrateFlags.AUTO_CONVERGE : 0)
                | (migration.postCopy() ? Domain.MigrateFlags.POSTCOPY : 0)
                | (copied.isEmpty() ? 0 : Domain.MigrateFlags.NON_SHARED_DISK);
        String name = domain.getName();
        long started = System.nanoTime();
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "migration-progress-" + name);
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleAtFixedRate(() -> report(command.id(), domain), 500, 500, TimeUnit.MILLISECONDS);
        try {
            if (copied.isEmpty()) {
                domain.migrateToURI(migration.destinationUri(), flags, null, migration.bandwidthMiBps());
            } else {
                List<TypedParameter> params = new ArrayList<>();
                copied.forEach(target -> params.add(new TypedStringParameter("migrate_disks", target)));
                if (migration.bandwidthMiBps() > 0) {
                    params.add(new TypedUlongParameter("bandwidth", migration.bandwidthMiBps()));
                }
                domain.migrateToURI(migration.destinationUri(), params.toArray(TypedParameter[]::new), flags);
            }
        } finally {
            watcher.shutdownNow();
        }
        Map<String, Long> figures = new LinkedHashMap<>(MigrationStats.completedOn(migration.destinationUri(), vmId));
        figures.putIfAbsent("time_ms", (System.nanoTime() - started) / 1_000_000);
        // the domain now runs on the destination; here it is gone
        return new Outcome(new DomainStatus(vmId, name, DomainState.UNDEFINED, -1), null, figures);
    }

    /**
     * The guest devices of the volumes to copy, each a file-backed, not shareable disk of the domain; a path that
     * is no disk of it is refused (nothing else reaches libvirt).
     */
    static List<String> copiedTargets(Domain domain, List<String> volumes) throws CommandFailure, LibvirtException {
        if (volumes.isEmpty()) {
            return List.of();
        }
        Map<Path, LiveDisks.LiveDisk> disks = LiveDisks.byFile(domain);
        List<String> targets = new ArrayList<>();
        for (String volume : volumes) {
            LiveDisks.LiveDisk disk = disks.get(normal(volume));
            if (disk == null) {
                disk = disks.get(real(volume));
            }
            if (disk == null) {
                throw CommandFailure.invalid("volume " + volume + " is not a disk of " + domain.getName());
            }
            if (disk.shareable()) {
                throw CommandFailure.invalid("disk " + disk.target() + " (" + volume + ") is shareable: other guests may "
                        + "write to it while it is copied, so it cannot move with the guest");
            }
            if (!targets.contains(disk.target())) {
                targets.add(disk.target());
            }
        }
        return targets;
    }

    private static Path normal(String raw) throws CommandFailure {
        try {
            return Path.of(raw).normalize();
        } catch (InvalidPathException e) {
            throw CommandFailure.invalid("not a valid path: " + e.getMessage());
        }
    }

    /** The path with symlinks resolved, as the domain XML has it; the normal path when it cannot be resolved. */
    private static Path real(String raw) throws CommandFailure {
        try {
            return normal(raw).toRealPath();
        } catch (IOException e) {
            return normal(raw);
        }
    }

    /**
     * Disks (when copied) and memory so far, as a percentage of 10..90 (the rest is switch-over and settling):
     * with disks to copy, 10..50 for them (libvirt mirrors the disks before it moves memory) and 50..90 for memory.
     */
    private void report(String commandId, Domain domain) {
        try {
            DomainJobInfo job = domain.getJobInfo();
            long total = job.getMemTotal();
            long remaining = job.getMemRemaining();
            long diskTotal = job.getFileTotal();
            long diskRemaining = job.getFileRemaining();
            int memory = total <= 0 ? 0 : (int) (80 * Math.max(0, total - remaining) / total);
            int percent;
            String step;
            if (diskTotal > 0) {
                int disks = (int) (40 * Math.max(0, diskTotal - diskRemaining) / diskTotal);
                percent = 10 + disks + memory / 2;
                step = diskRemaining > 0 || total <= 0
                        ? "copying disks: " + (diskRemaining >> 20) + " of " + (diskTotal >> 20) + " MiB left"
                        : "copying memory: " + (remaining >> 20) + " of " + (total >> 20) + " MiB left (disks copied, "
                        + (diskTotal >> 20) + " MiB)";
            } else {
                percent = 10 + memory;
                step = "copying memory: " + (remaining >> 20) + " of " + (total >> 20) + " MiB left";
            }
            Map<String, Long> figures = new LinkedHashMap<>();
            figures.put("elapsed_ms", job.getTimeElapsed());
            figures.put("memory_total_bytes", total);
            figures.put("memory_remaining_bytes", remaining);
            figures.put("data_processed_bytes", job.getDataProcessed());
            if (diskTotal > 0) {
                figures.put("disk_total_bytes", diskTotal);
                figures.put("disk_processed_bytes", job.getFileProcessed());
                figures.put("disk_remaining_bytes", diskRemaining);
            }
            progress.report(new AgentMessage.Progress(commandId, Math.min(90, percent), step, figures));
        } catch (LibvirtException | RuntimeException e) {
            // the job just ended, or libvirt is busy: the next tick or the reply tells
        }
    }
}
