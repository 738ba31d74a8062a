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

import java.util.LinkedHashMap;
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
        int flags = Domain.MigrateFlags.LIVE | Domain.MigrateFlags.PEER2PEER | Domain.MigrateFlags.PERSIST_DEST
                | Domain.MigrateFlags.UNDEFINE_SOURCE
                // the image directory is the same path on every host (shared storage), which libvirt cannot
                // prove for a plain directory: it would refuse without this
                | Domain.MigrateFlags.UNSAFE
                | (migration.autoConverge() ? Domain.MigrateFlags.AUTO_CONVERGE : 0)
                | (migration.postCopy() ? Domain.MigrateFlags.POSTCOPY : 0);
        String name = domain.getName();
        long started = System.nanoTime();
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "migration-progress-" + name);
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleAtFixedRate(() -> report(command.id(), domain), 500, 500, TimeUnit.MILLISECONDS);
        try {
            domain.migrateToURI(migration.destinationUri(), flags, null, migration.bandwidthMiBps());
        } finally {
            watcher.shutdownNow();
        }
        Map<String, Long> figures = new LinkedHashMap<>(MigrationStats.completedOn(migration.destinationUri(), vmId));
        figures.putIfAbsent("time_ms", (System.nanoTime() - started) / 1_000_000);
        // the domain now runs on the destination; here it is gone
        return new Outcome(new DomainStatus(vmId, name, DomainState.UNDEFINED, -1), null, figures);
    }

    /** Memory copied so far, as a percentage of 10..90 (the rest is switch-over and settling). */
    private void report(String commandId, Domain domain) {
        try {
            DomainJobInfo job = domain.getJobInfo();
            long total = job.getMemTotal();
            long remaining = job.getMemRemaining();
            int percent = total <= 0 ? 10 : 10 + (int) (80 * Math.max(0, total - remaining) / total);
            Map<String, Long> figures = new LinkedHashMap<>();
            figures.put("elapsed_ms", job.getTimeElapsed());
            figures.put("memory_total_bytes", total);
            figures.put("memory_remaining_bytes", remaining);
            figures.put("data_processed_bytes", job.getDataProcessed());
            progress.report(new AgentMessage.Progress(commandId, percent,
                    "copying memory: " + (remaining >> 20) + " of " + (total >> 20) + " MiB left", figures));
        } catch (LibvirtException | RuntimeException e) {
            // the job just ended, or libvirt is busy: the next tick or the reply tells
        }
    }
}
