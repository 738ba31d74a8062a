package dev.vireo.engine.reconcile;

import dev.vireo.engine.api.Actors;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.hosts.Host;
import dev.vireo.engine.vms.DesiredState;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.protocol.DomainState;
import dev.vireo.protocol.DomainStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns what a host reports (a full domain list, or one lifecycle event) into VM state. The database says
 * where a VM should be; the host says what runs. Rules:
 * <ul>
 *   <li>a VM the host no longer runs is DOWN (with an event), except while it is STARTING: the start job settles that;</li>
 *   <li>a Vireo VM found running on a host while the engine thinks it is down is taken back (after an engine
 *       restart mid-start), with an event;</li>
 *   <li>a domain the engine does not know is reported as an event, once, and never adopted.</li>
 * </ul>
 */
@ApplicationScoped
public class VmStateReconciler {

    @Inject
    EventLog events;
    @Inject
    HeldVms held;

    /** unknown domains already reported, so a leftover domain is one event, not one every 30 s */
    private final Set<String> reportedStrangers = ConcurrentHashMap.newKeySet();
    private static final Duration DUPLICATE_GRACE = Duration.ofSeconds(20);
    /** how old a VM's last change must be before a state report showing it off (or not at all) counts */
    private static final Duration REPORT_STALENESS = Duration.ofSeconds(10);
    private final Map<String, Instant> duplicateSightings = new ConcurrentHashMap<>();

    public void applyReport(UUID hostId, List<DomainStatus> domains) {
        if (quiet(hostId, domains)) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Host host = Host.findById(hostId);
            if (host == null) {
                return;
            }
            Map<UUID, DomainStatus> byVm = new HashMap<>();
            for (DomainStatus d : domains) {
                parse(d.uuid()).ifPresent(id -> byVm.put(id, d));
            }
            List<Vm> placed = Vm.find("hostId", hostId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
            for (Vm vm : placed) {
                apply(vm, host, byVm.remove(vm.id), "state report");
            }
            for (DomainStatus d : domains) {
                UUID id = parse(d.uuid()).orElse(null);
                if (id != null && byVm.containsKey(id) && isActive(d.state())) {
                    claimOrReport(host, id, d);
                } else if (id == null && isActive(d.state())) {
                    reportStranger(host, d);
                }
            }
        });
    }

    /** One plain read instead of locking every VM of the host, for a report that changes nothing. */
    private boolean quiet(UUID hostId, List<DomainStatus> domains) {
        List<QuietReports.PlacedVm> placed = QuarkusTransaction.requiringNew().call(() -> Vm.getEntityManager()
                .createQuery("select v.id, v.status, v.vncPort, v.migratingToHostId from Vm v where v.hostId = ?1",
                        Object[].class)
                .setParameter(1, hostId).getResultList().stream()
                .map(r -> new QuietReports.PlacedVm((UUID) r[0], (VmStatus) r[1], (Integer) r[2], (UUID) r[3]))
                .toList());
        return QuietReports.changesNothing(placed, domains, held::isHeld,
                uuid -> reportedStrangers.contains(hostId + "/" + uuid));
    }

    public void applyLifecycle(UUID hostId, DomainStatus d, String event, String detail) {
        if (d == null) {
            return;
        }
        UUID vmId = parse(d.uuid()).orElse(null);
        if (vmId != null && held.isHeld(vmId)) {
            return;   // an action in flight settles this VM from its reply (what apply and claimOrReport would decide too)
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Host host = Host.findById(hostId);
            UUID id = vmId;
            if (host == null) {
                return;
            }
            Vm vm = id == null ? null : Vm.findById(id, LockModeType.PESSIMISTIC_WRITE);
            if (vm != null && hostId.equals(vm.hostId)) {
                apply(vm, host, d.state() == DomainState.UNDEFINED ? null : d,
                        "libvirt event " + event + (detail == null ? "" : " (" + detail + ")"));
            } else if (isActive(d.state())) {
                if (vm != null) {
                    claimOrReport(host, id, d);
                } else {
                    reportStranger(host, d);
                }
            }
        });
    }

    private void apply(Vm vm, Host host, DomainStatus d, String source) {
        if (vm.status == VmStatus.MIGRATING) {
            return;   // the domain is between two hosts: the migration job settles where it runs
        }
        if (held.isHeld(vm.id)) {
            return;   // a snapshot or revert is stopping and restarting it: its job settles the state
        }
        DomainState state = d == null ? DomainState.UNDEFINED : d.state();
        boolean gone = state == DomainState.SHUTOFF || state == DomainState.UNDEFINED;
        if (vm.status == VmStatus.UNKNOWN && vm.migratingToHostId != null && gone) {
            // a migration was interrupted by an engine restart and the source no longer has the domain:
            // it went to the destination, whose report settles it (RUNNING there, or DOWN)
            UUID destination = vm.migratingToHostId;
            vm.migratingToHostId = null;
            vm.placeOn(destination);
            events.warn(Actors.agent(host.name), "vm.migration-settled", "vm", vm.id, vm.name,
                    "after an interrupted migration the VM is no longer on host " + host.name
                            + "; its destination's report decides where it runs");
            return;
        }
        if (d != null && d.vncPort() > 0) {
            vm.vncPort = d.vncPort();
        }
        if (!gone && state != DomainState.CRASHED) {
            vm.migratingToHostId = null;   // confirmed on its host: no migration is pending any more
        }
        switch (state) {
            case RUNNING -> {
                if (vm.status != VmStatus.STOPPING && vm.status != VmStatus.RUNNING) {
                    becomes(vm, VmStatus.RUNNING, host, source);
                }
            }
            case PAUSED -> {
                // libvirt creates a domain paused and resumes it: while STARTING that is not news
                if (vm.status != VmStatus.STOPPING && vm.status != VmStatus.PAUSED && vm.status != VmStatus.STARTING) {
                    becomes(vm, VmStatus.PAUSED, host, source);
                }
            }
            case SHUTTING_DOWN -> {
                if (vm.status != VmStatus.STOPPING) {
                    becomes(vm, VmStatus.STOPPING, host, source);
                }
            }
            case SHUTOFF, CRASHED, UNDEFINED -> {
                if (vm.status == VmStatus.STARTING) {
                    return;
                }
                if ("state report".equals(source) && recentlyChanged(vm)) {
                    // a report is a snapshot taken a moment before it arrives: one missing a VM that just
                    // changed (started, say), or showing it defined but not yet running, may predate the
                    // change; the next report or a libvirt event settles it
                    return;
                }
                boolean expected = vm.status == VmStatus.STOPPING;
                vm.desiredState = DesiredState.DOWN;
                vm.setStatus(VmStatus.DOWN);
                String why = state == DomainState.CRASHED ? "crashed" : expected ? "stopped" : "went down";
                if (expected) {
                    events.info(Actors.agent(host.name), "vm.down", "vm", vm.id, vm.name, "VM " + why + " on host " + host.name);
                } else {
                    events.warn(Actors.agent(host.name), "vm.down", "vm", vm.id, vm.name,
                            "VM " + why + " on host " + host.name + " (" + source + ")");
                }
            }
            case UNKNOWN -> becomes(vm, VmStatus.UNKNOWN, host, source);
        }
    }

    /** A report is a snapshot taken a moment before it arrives: it cannot overrule a change this recent. */
    private static boolean recentlyChanged(Vm vm) {
        return vm.updatedAt != null && vm.updatedAt.isAfter(OffsetDateTime.now().minus(REPORT_STALENESS));
    }

    private void becomes(Vm vm, VmStatus status, Host host, String source) {
        VmStatus before = vm.status;
        vm.setStatus(status);
        events.info(Actors.agent(host.name), "vm.status", "vm", vm.id, vm.name,
                "VM is " + status + " on host " + host.name + " (was " + before + "; " + source + ")");
    }

    /** A Vireo VM runs on {@code host} but the engine has it elsewhere or nowhere. */
    private void claimOrReport(Host host, UUID vmId, DomainStatus d) {
        Vm vm = Vm.findById(vmId, LockModeType.PESSIMISTIC_WRITE);
        if (vm == null) {
            reportStranger(host, d);
            return;
        }
        if (vm.status == VmStatus.MIGRATING) {
            return;   // the destination reports it before the migration job has moved it there
        }
        if (held.isHeld(vm.id)) {
            return;
        }
        if (vm.status == VmStatus.UNKNOWN && host.id.equals(vm.migratingToHostId)) {
            vm.migratingToHostId = null;
            vm.placeOn(host.id);
            vm.vncPort = d.vncPort() > 0 ? d.vncPort() : null;
            vm.setStatus(d.state() == DomainState.PAUSED ? VmStatus.PAUSED : VmStatus.RUNNING);
            events.warn(Actors.agent(host.name), "vm.migration-settled", "vm", vm.id, vm.name,
                    "after an interrupted migration the VM was found running on its destination " + host.name);
            return;
        }
        if (vm.hostId == null && recentlyChanged(vm)) {
            // a report from just before the VM went down (a poweroff, say), or a lifecycle event delivered late
            // (libvirt's STARTED can reach the engine after a quick poweroff has finished): the next report settles it
            return;
        }
        if (vm.hostId == null) {
            vm.placeOn(host.id);
            vm.desiredState = DesiredState.UP;
            vm.vncPort = d.vncPort() > 0 ? d.vncPort() : null;
            vm.setStatus(d.state() == DomainState.PAUSED ? VmStatus.PAUSED : VmStatus.RUNNING);
            events.warn(Actors.agent(host.name), "vm.found", "vm", vm.id, vm.name,
                    "VM found running on host " + host.name + " while the engine had it down; it is " + vm.status + " there now");
        } else if (!vm.hostId.equals(host.id)) {
            String key = host.id + "/" + vmId + "/elsewhere";
            // a report written just before a migration finished says the same for a moment: only a sighting
            // that persists is a VM on two hosts
            Instant first = duplicateSightings.putIfAbsent(key, Instant.now());
            if (first != null && first.isBefore(Instant.now().minus(DUPLICATE_GRACE)) && reportedStrangers.add(key)) {
                events.error(Actors.agent(host.name), "vm.duplicate", "vm", vm.id, vm.name,
                        "host " + host.name + " reports this VM running, but the engine has it on another host");
            }
        }
    }

    private void reportStranger(Host host, DomainStatus d) {
        if (reportedStrangers.add(host.id + "/" + d.uuid())) {
            events.warn(Actors.agent(host.name), "domain.unknown", "host", host.id, host.name,
                    "host runs domain '" + d.name() + "' (" + d.uuid() + ") that Vireo does not manage; left alone");
        }
    }

    private static boolean isActive(DomainState s) {
        return s == DomainState.RUNNING || s == DomainState.PAUSED || s == DomainState.SHUTTING_DOWN;
    }

    private static Optional<UUID> parse(String uuid) {
        try {
            return Optional.of(UUID.fromString(uuid));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
