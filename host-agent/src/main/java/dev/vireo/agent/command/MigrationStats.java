package dev.vireo.agent.command;

import org.jboss.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainJobStats;
import org.libvirt.LibvirtException;
import org.libvirt.TypedParameter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of a finished migration, as the destination's libvirtd keeps them for the incoming job
 * ({@code virsh domjobinfo --completed}): downtime, total time, data moved. Empty when it cannot tell.
 */
final class MigrationStats {
    private static final Logger LOG = Logger.getLogger(MigrationStats.class);
    private static final int COMPLETED = 1;   // VIR_DOMAIN_JOB_STATS_COMPLETED
    private static final Map<String, String> FIELDS = Map.of(
            "downtime", "downtime_ms", "time_elapsed", "time_ms", "memory_processed", "memory_processed_bytes",
            "data_processed", "data_processed_bytes", "memory_iteration", "memory_iterations",
            "memory_bps", "memory_bytes_per_second", "setup_time", "setup_ms",
            "disk_total", "disk_total_bytes", "disk_processed", "disk_processed_bytes");

    private MigrationStats() {
    }

    static Map<String, Long> completedOn(String destinationUri, String vmId) {
        Map<String, Long> figures = new LinkedHashMap<>();
        Connect destination = null;
        try {
            destination = new Connect(destinationUri, true);
            Domain domain = destination.domainLookupByUUIDString(vmId);
            DomainJobStats stats = domain.getJobStats(COMPLETED);
            for (TypedParameter p : stats.stats) {
                String name = FIELDS.get(p.field);
                if (name != null) {
                    try {
                        figures.put(name, Long.parseLong(p.getValueAsString()));
                    } catch (NumberFormatException e) {
                        // not a whole number: not one of ours
                    }
                }
            }
        } catch (LibvirtException | RuntimeException e) {
            LOG.debugf("no completed-job figures from %s: %s", destinationUri, e.getMessage());
        } finally {
            if (destination != null) {
                try {
                    destination.close();
                } catch (LibvirtException e) {
                    // closing a read-only connection: nothing to save
                }
            }
        }
        return figures;
    }
}
