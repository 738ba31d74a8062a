package dev.vireo.bench;

import org.postgresql.PGConnection;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grid benchmark's data side: filling the engine's tables with N VMs (COPY), the indexes on {@code vms}, and
 * EXPLAIN ANALYZE of the SQL the list runs. Used by {@link GridBench}.
 */
final class GridData {
    private GridData() {
    }

    static final String[] OWNERS = {"admin", "alice", "bob"};
    static final String[] ROLES = {"web", "db", "app", "cache", "api", "worker", "build", "test", "mail", "dns",
            "proxy", "batch", "ml", "git", "ci", "log"};
    static final UUID DEFAULT_CLUSTER = UUID.fromString("00000000-0000-4000-8000-000000000001");

    /** Fills the engine's tables directly: 20 hosts that stopped answering, N VMs (COPY), a few group grants. */
    static void fill(Connection db, int n) throws Exception {
        long t0 = System.nanoTime();
        Random rnd = new Random(42);
        List<UUID> hosts = new ArrayList<>();
        try (Statement s = db.createStatement()) {
            for (int h = 1; h <= 20; h++) {
                UUID id = new UUID(0x6772696400000000L, h);
                hosts.add(id);
                s.addBatch("insert into hosts (id, cluster_id, name, status, credential_hash, cpu_model, cpu_count, memory_mib,"
                        + " free_memory_mib, domain_type, last_heartbeat) values ('" + id + "', '" + DEFAULT_CLUSTER
                        + "', 'hv-" + String.format(Locale.ROOT, "%02d", h) + "', 'NON_RESPONSIVE', 'bench-not-a-credential',"
                        + " 'EPYC', 64, 262144, 131072, 'kvm', now() - interval '1 day')");
            }
            s.executeBatch();
        }
        StringBuilder copy = new StringBuilder(n * 200);
        Instant epoch = Instant.now().minus(365, ChronoUnit.DAYS);
        int[] memory = {512, 1024, 2048, 4096, 8192, 16384};
        int[] vcpus = {1, 1, 2, 2, 4, 8};
        List<UUID> bobs = new ArrayList<>();
        int unknown = 0;
        for (int i = 0; i < n; i++) {
            UUID id = new UUID(rnd.nextLong(), rnd.nextLong());
            String name = String.format(Locale.ROOT, "vm-%06d-%s", i, ROLES[rnd.nextInt(ROLES.length)]);
            String owner = OWNERS[rnd.nextInt(OWNERS.length)];
            if (owner.equals("bob")) {
                bobs.add(id);
            }
            boolean lost = rnd.nextInt(100) < 5;   // 5%: were running on a host that stopped answering
            UUID host = lost ? hosts.get(rnd.nextInt(hosts.size())) : null;
            int size = rnd.nextInt(memory.length);
            Instant created = epoch.plusSeconds(rnd.nextInt(365 * 86400));
            Instant updated = created.plusSeconds(rnd.nextInt(86400 * 30));
            unknown += lost ? 1 : 0;
            // id, cluster_id, name, description, memory_mib, vcpus, boot_disk, desired_state, status, host_id,
            // last_host_id, created_at, updated_at, version, highly_available, owner
            copy.append(id).append('\t').append(DEFAULT_CLUSTER).append('\t').append(name).append('\t')
                    .append(rnd.nextInt(4) == 0 ? "owned by " + owner + ", " + name.substring(10) + " tier" : "\\N").append('\t')
                    .append(memory[size]).append('\t').append(vcpus[size]).append('\t')
                    .append("/var/lib/vireo/images/").append(name).append(".qcow2").append('\t')
                    .append(lost ? "UP" : "DOWN").append('\t').append(lost ? "UNKNOWN" : "DOWN").append('\t')
                    .append(lost ? host.toString() : "\\N").append('\t').append(lost ? host.toString() : "\\N").append('\t')
                    .append(created).append('\t').append(updated).append('\t').append(rnd.nextInt(5)).append('\t')
                    .append(rnd.nextInt(10) == 0 ? "t" : "f").append('\t').append(owner).append('\n');
        }
        long rows = ((PGConnection) db.unwrap(PGConnection.class)).getCopyAPI().copyIn(
                "copy vms (id, cluster_id, name, description, memory_mib, vcpus, boot_disk, desired_state, status, host_id,"
                        + " last_host_id, created_at, updated_at, version, highly_available, owner) from stdin",
                new StringReader(copy.toString()));
        // team-a (alice's group) may use 200 of bob's VMs: the permission subquery has rows to look at
        try (Statement s = db.createStatement()) {
            for (int i = 0; i < Math.min(200, bobs.size()); i++) {
                s.addBatch("insert into permissions (id, principal_kind, principal, role, object_kind, object_id, created_at, created_by)"
                        + " values ('" + UUID.randomUUID() + "', 'GROUP', 'team-a', 'USER', 'VM', '" + bobs.get(i * (bobs.size() / 200)) + "', now(), 'bench')");
            }
            s.executeBatch();
            s.execute("vacuum analyze");
        }
        System.out.printf(Locale.ROOT, "filled: %,d VMs (%,d UNKNOWN on 20 NON_RESPONSIVE hosts, the rest DOWN), 200 group grants, in %.1f s (COPY + analyze)%n",
                rows, unknown, (System.nanoTime() - t0) / 1e9);
    }

    static void printIndexes(Connection db) throws Exception {
        List<String> idx = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("select indexname from pg_indexes where tablename = 'vms' order by 1")) {
            while (r.next()) {
                idx.add(r.getString(1));
            }
        }
        String flyway;
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("select max(version::int) from flyway_schema_history where success")) {
            r.next();
            flyway = "V" + r.getString(1);
        }
        System.out.printf(Locale.ROOT, "schema at %s; indexes on vms: %s%n", flyway, idx);
    }

    /**
     * EXPLAIN ANALYZE of SQL equal to what the engine's list runs (VmCatalog.list: a page ordered by name, id and
     * a count, each with the name filter and, for people who are not administrators, VmAccess.VISIBLE).
     */
    static void explain(Connection db, Path work) throws Exception {
        String visible = "(v.owner = 'alice' or exists (select 1 from permissions p where ((p.principal_kind = 'USER' and p.principal = 'alice')"
                + " or (p.principal_kind = 'GROUP' and p.principal in ('team-a'))) and (p.object_kind = 'SYSTEM'"
                + " or (p.object_kind = 'CLUSTER' and p.object_id = v.cluster_id) or (p.object_kind = 'VM' and p.object_id = v.id))))";
        // the same condition with uncorrelated subqueries (hashed once per query instead of run per row): the
        // engine change this benchmark proposes for VmAccess.VISIBLE
        String held = "((p.principal_kind = 'USER' and p.principal = 'alice') or (p.principal_kind = 'GROUP' and p.principal in ('team-a')))";
        String proposed = "(v.owner = 'alice' or v.id in (select p.object_id from permissions p where " + held + " and p.object_kind = 'VM')"
                + " or v.cluster_id in (select p.object_id from permissions p where " + held + " and p.object_kind = 'CLUSTER')"
                + " or exists (select 1 from permissions p where " + held + " and p.object_kind = 'SYSTEM'))";
        Map<String, String> queries = new LinkedHashMap<>();
        for (String user : List.of("admin", "alice", "alice*")) {
            String who = user.equals("admin") ? "" : " and " + (user.equals("alice") ? visible : proposed);
            for (String q : List.of("", "0042", "nosuchvm", "web")) {
                String like = q.isEmpty() ? "" : " and lower(v.name) like '%" + q + "%' escape '\\'";
                queries.put(user + " page q=" + q, "select * from vms v where 1 = 1" + who + like
                        + " order by v.name, v.id offset 0 rows fetch first 50 rows only");
                queries.put(user + " count q=" + q, "select count(*) from vms v where 1 = 1" + who + like);
            }
        }
        StringBuilder plans = new StringBuilder();
        System.out.println("\n== EXPLAIN ANALYZE of the list's two queries (SQL like Hibernate's; alice* = VISIBLE with uncorrelated"
                + " subqueries, the proposed engine change; full plans in " + work.resolve("grid-plans.txt") + ") ==");
        Pattern exec = Pattern.compile("Execution Time: ([0-9.]+) ms");
        try (Statement s = db.createStatement()) {
            for (var e : queries.entrySet()) {
                for (int warm = 0; warm < 2; warm++) {
                    s.executeQuery("explain (analyze) " + e.getValue()).close();
                }
                StringBuilder plan = new StringBuilder();
                try (ResultSet r = s.executeQuery("explain (analyze, buffers) " + e.getValue())) {
                    while (r.next()) {
                        plan.append(r.getString(1)).append('\n');
                    }
                }
                Matcher m = exec.matcher(plan);
                String nodes = plan.toString().lines().filter(l -> l.contains("Scan") || l.contains("Sort") && l.contains("->"))
                        .map(l -> l.trim().replaceFirst("^->\\s*", "").replaceAll("\\s*\\(cost=.*", "")).distinct()
                        .reduce((a, b) -> a + "; " + b).orElse("");
                System.out.printf(Locale.ROOT, "%-22s %7s ms  %s%n", e.getKey(), m.find() ? m.group(1) : "?", nodes);
                plans.append("-- ").append(e.getKey()).append('\n').append(e.getValue()).append('\n').append(plan).append('\n');
            }
        }
        Files.writeString(work.resolve("grid-plans.txt"), plans);
    }
}
