package dev.vireo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * CPU time (clock ticks, 100/s) of the processes a benchmark runs on this machine, by role: the engine,
 * PostgreSQL (every process named postgres), the fleet (a process tree), this benchmark's own clients, and
 * the rest. Two readings around a phase show where that phase's CPU went on the shared cores.
 */
record CpuSplit(Map<String, Long> ticks, long nanos) {

    static CpuSplit read(long enginePid, long fleetPid) throws IOException {
        Set<Long> fleet = tree(fleetPid);
        long self = ProcessHandle.current().pid();
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                String stat;
                try {
                    stat = Files.readString(p.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long used = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                String role = pid == enginePid ? "engine" : fleet.contains(pid) ? "fleet" : pid == self ? "bench clients"
                        : comm.equals("postgres") ? "postgresql" : "other";
                ticks.merge(role, used, Long::sum);
            }
        }
        return new CpuSplit(ticks, System.nanoTime());
    }

    private static Set<Long> tree(long root) {
        Set<Long> pids = new HashSet<>();
        ProcessHandle.of(root).ifPresent(h -> {
            pids.add(h.pid());
            h.descendants().forEach(d -> pids.add(d.pid()));
        });
        return pids;
    }

    /** Cores used by each role between {@code before} and this reading; processes that ended in between are lost. */
    String since(CpuSplit before) {
        double seconds = (nanos - before.nanos) / 1e9;
        StringBuilder out = new StringBuilder();
        for (String role : new String[]{"engine", "postgresql", "fleet", "bench clients", "other"}) {
            long used = ticks.getOrDefault(role, 0L) - before.ticks.getOrDefault(role, 0L);
            out.append(String.format(Locale.ROOT, "%s%s %.2f", out.isEmpty() ? "" : ", ", role, Math.max(0, used) / 100.0 / seconds));
        }
        return out + " cores";
    }
}
