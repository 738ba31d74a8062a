package dev.vireo.engine.balancing;

import dev.vireo.engine.hosts.HostStatus;
import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;
import dev.vireo.engine.scheduling.Scheduler;
import dev.vireo.engine.scheduling.SchedulingPolicy;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The load balancer's decision, a pure function of a cluster snapshot: at most one migration that makes the
 * cluster better by its policy, or none. Hysteresis keeps VMs from ping-ponging: a move must leave the
 * destination clearly less loaded than the source, and VMs moved recently stay where they are.
 */
public final class BalancePlanner {
    /** how much better (percentage points of memory, or VMs) a move must make things */
    static final double HYSTERESIS_PERCENT = 10;

    public record RunningVm(UUID id, String name, UUID hostId, int memoryMiB, int vcpus) {
    }

    public record Move(UUID vmId, String vmName, UUID from, String fromName, UUID to, String toName, String why) {
    }

    private BalancePlanner() {
    }

    public static Optional<Move> propose(ClusterSnapshot cluster, List<RunningVm> vms, Set<UUID> recentlyMoved) {
        List<HostCandidate> up = cluster.hosts().stream()
                .filter(h -> h.status() == HostStatus.UP && h.connected() && h.memoryMiB() > 0).toList();
        if (up.size() < 2) {
            return Optional.empty();
        }
        SchedulingPolicy policy = cluster.policy();
        return switch (policy.name()) {
            case NONE -> Optional.empty();
            case EVENLY_DISTRIBUTED -> spread(cluster, vms, recentlyMoved, up);
            case POWER_SAVING -> consolidate(cluster, vms, recentlyMoved, up);
            case VM_EVENLY_DISTRIBUTED -> spreadCount(cluster, vms, recentlyMoved, up);
        };
    }

    /** The fullest host above the high threshold gives its smallest VM that helps to a clearly emptier host. */
    private static Optional<Move> spread(ClusterSnapshot cluster, List<RunningVm> vms, Set<UUID> recent,
                                         List<HostCandidate> up) {
        HostCandidate source = up.stream().max(Comparator.comparingDouble(BalancePlanner::used)).orElseThrow();
        if (used(source) <= cluster.policy().highUtilization()) {
            return Optional.empty();
        }
        for (RunningVm vm : movable(vms, recent, source)) {
            Optional<HostCandidate> to = destination(cluster, vm, source);
            if (to.isPresent()) {
                double targetAfter = 100.0 * (to.get().committedMiB() + vm.memoryMiB()) / to.get().memoryMiB();
                // the destination must end clearly below where the source was, and under the threshold itself:
                // otherwise the next run would move the VM back
                if (targetAfter + HYSTERESIS_PERCENT <= used(source) && targetAfter < cluster.policy().highUtilization()) {
                    return Optional.of(move(vm, source, to.get(), String.format(java.util.Locale.ROOT,
                            "host %s uses %.0f%% of its memory, over the %d%% threshold; %s would use %.0f%%",
                            source.name(), used(source), cluster.policy().highUtilization(), to.get().name(), targetAfter)));
                }
            }
        }
        return Optional.empty();
    }

    /** The emptiest host below the low threshold gives a VM to a fuller host that stays under the high one. */
    private static Optional<Move> consolidate(ClusterSnapshot cluster, List<RunningVm> vms, Set<UUID> recent,
                                              List<HostCandidate> up) {
        Optional<HostCandidate> source = up.stream().filter(h -> h.vmCount() > 0 && used(h) < cluster.policy().lowUtilization())
                .min(Comparator.comparingDouble(BalancePlanner::used));
        if (source.isEmpty()) {
            return Optional.empty();
        }
        for (RunningVm vm : movable(vms, recent, source.get())) {
            Optional<HostCandidate> to = destination(cluster, vm, source.get());
            if (to.isPresent() && to.get().vmCount() > 0 && used(to.get()) >= used(source.get())) {
                return Optional.of(move(vm, source.get(), to.get(), String.format(java.util.Locale.ROOT,
                        "host %s uses only %.0f%% of its memory, under the %d%% threshold: packing its VMs onto %s",
                        source.get().name(), used(source.get()), cluster.policy().lowUtilization(), to.get().name())));
            }
        }
        return Optional.empty();
    }

    /** The host with the most VMs gives one to a host with at least two fewer. */
    private static Optional<Move> spreadCount(ClusterSnapshot cluster, List<RunningVm> vms, Set<UUID> recent,
                                              List<HostCandidate> up) {
        HostCandidate source = up.stream().max(Comparator.comparingInt(HostCandidate::vmCount)).orElseThrow();
        for (RunningVm vm : movable(vms, recent, source)) {
            Optional<HostCandidate> to = destination(cluster, vm, source);
            if (to.isPresent() && source.vmCount() - to.get().vmCount() >= 2) {
                return Optional.of(move(vm, source, to.get(), "host " + source.name() + " runs " + source.vmCount()
                        + " VMs, " + to.get().name() + " " + to.get().vmCount()));
            }
        }
        return Optional.empty();
    }

    private static List<RunningVm> movable(List<RunningVm> vms, Set<UUID> recent, HostCandidate source) {
        return vms.stream().filter(v -> source.id().equals(v.hostId()) && !recent.contains(v.id()))
                .sorted(Comparator.comparingInt(RunningVm::memoryMiB).thenComparing(RunningVm::name)).toList();
    }

    /** Where the scheduler itself would put the VM, its current host excluded: filters and affinity apply. */
    private static Optional<HostCandidate> destination(ClusterSnapshot cluster, RunningVm vm, HostCandidate source) {
        return Scheduler.best(cluster, new PlacementRequest(vm.id(), vm.name(), vm.memoryMiB(), vm.vcpus(), null, Set.of(source.id())));
    }

    private static double used(HostCandidate h) {
        return 100.0 * h.committedMiB() / h.memoryMiB();
    }

    private static Move move(RunningVm vm, HostCandidate from, HostCandidate to, String why) {
        return new Move(vm.id(), vm.name(), from.id(), from.name(), to.id(), to.name(), why);
    }
}
