package dev.vireo.bench;

import dev.vireo.engine.hosts.HostStatus;
import dev.vireo.engine.scheduling.AffinityGroup;
import dev.vireo.engine.scheduling.ClusterSnapshot;
import dev.vireo.engine.scheduling.HostCandidate;
import dev.vireo.engine.scheduling.PlacementRequest;
import dev.vireo.engine.scheduling.PlacementSession;
import dev.vireo.engine.scheduling.SchedulingPolicy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The placement decision alone, without PostgreSQL, HTTP or agents: the engine's own {@link PlacementSession}
 * (all filter and weight units of a policy) deciding and booking one request after the other on one
 * snapshot, single-threaded, as the placement batcher does inside a batch. This is the ceiling the
 * committed pipeline ({@code bench/run.sh placement}) is measured against.
 *
 * <p>Args: VMs per host already placed (20), decisions measured per size (20000), host counts (100,1000,5000).
 */
public final class SchedulerBench {

    public static void main(String[] args) {
        int placedPerHost = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int decisions = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int[] sizes = Arrays.stream((args.length > 2 ? args[2] : "100,1000,5000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        System.out.printf(Locale.ROOT, "scheduler bench: %d VMs already placed per host, %d decisions per run, "
                + "policies evenly_distributed (with a soft affinity group) and power_saving%n", placedPerHost, decisions);
        for (int scorePercent : new int[]{100, 0}) {
            System.out.println(scorePercent == 100 ? "every host scored for every decision (hosts-to-score-percent=100):"
                    : "adaptive sample, Kubernetes' rule (hosts-to-score-percent=0, the default):");
            for (SchedulingPolicy.Name policy : List.of(SchedulingPolicy.Name.EVENLY_DISTRIBUTED, SchedulingPolicy.Name.POWER_SAVING)) {
                for (int hosts : sizes) {
                    run(hosts, placedPerHost, decisions / 4, policy, scorePercent, false);   // warm-up: JIT, same shapes
                    run(hosts, placedPerHost, decisions, policy, scorePercent, true);
                }
            }
        }
    }

    private static void run(int hostCount, int placedPerHost, int decisions, SchedulingPolicy.Name policyName,
                            int scorePercent, boolean print) {
        List<HostCandidate> hosts = new ArrayList<>(hostCount);
        Map<UUID, UUID> vmHosts = new HashMap<>();
        List<UUID> someVms = new ArrayList<>();
        for (int i = 0; i < hostCount; i++) {
            UUID id = new UUID(0x5eed, i);
            // hosts of 256 GiB / 64 CPUs (as fleet-sim's), uneven load so the weights have work to do
            int placed = placedPerHost == 0 ? 0 : (i * 7) % (2 * placedPerHost + 1);
            hosts.add(new HostCandidate(id, String.format(Locale.ROOT, "sim-%05d", i), HostStatus.UP, true, 262_144,
                    placed * 1024L, 64, placed, placed, "x86_64", Set.of("vireobr0")));
            for (int v = 0; v < placed; v++) {
                UUID vm = new UUID(id.getLeastSignificantBits() + 1, v);
                vmHosts.put(vm, id);
                if (someVms.size() < 10) {
                    someVms.add(vm);
                }
            }
        }
        SchedulingPolicy policy = SchedulingPolicy.preset(policyName);
        // one soft positive group, so the affinity weight looks at placements too
        UUID grouped = new UUID(0xa11, 0);
        List<AffinityGroup> groups = List.of(new AffinityGroup(new UUID(0xa11, 1), "together",
                AffinityGroup.Polarity.POSITIVE, AffinityGroup.Polarity.NONE, false,
                Set.of(grouped, someVms.get(0)), Set.of()));
        PlacementSession session = new PlacementSession(new ClusterSnapshot(UUID.randomUUID(), "bench", policy, hosts,
                groups, vmHosts), scorePercent);
        long[] nanos = new long[decisions];
        int refused = 0;
        long t0 = System.nanoTime();
        for (int n = 0; n < decisions; n++) {
            PlacementRequest request = PlacementRequest.of(n == 0 ? grouped : new UUID(0xbe7c, n), "vm-" + n,
                    n % 3 == 0 ? 512 : 256, 1).withBridges(Set.of("vireobr0"));
            long s = System.nanoTime();
            var host = session.choose(request);
            if (host.isPresent()) {
                session.book(request, host.get().id());
            } else {
                refused++;
            }
            nanos[n] = System.nanoTime() - s;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (print) {
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "  %-22s %5d hosts: %7.0f decisions/s (one thread), decision p50 %.3f ms, "
                            + "p99 %.3f ms, max %.3f ms; %d refused%n", policyName.name().toLowerCase(Locale.ROOT),
                    hostCount, decisions / seconds, nanos[decisions / 2] / 1e6, nanos[(int) (decisions * 0.99)] / 1e6,
                    nanos[decisions - 1] / 1e6, refused);
        }
    }
}
