package dev.vireo.ui.engine;

import static dev.vireo.ui.engine.EngineHttp.query;
import static dev.vireo.ui.engine.EngineHttp.seg;

import com.fasterxml.jackson.core.type.TypeReference;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Client of the engine's public REST API ({@code /api/v1}). Plain JDK HttpClient + Jackson, no UI
 * types, so scripts and tests can use it as well. Thread-safe. Administration of access (permissions,
 * quotas) is in {@link AccessClient}.
 *
 * <p>Every call either returns the parsed answer or throws an {@link EngineException}:
 * {@link EngineUnreachableException} when no HTTP answer came, {@link EngineProblemException} for a
 * 4xx/5xx answer (its {@code application/problem+json} body, or one made up from the status).
 */
public class EngineClient {

    private static final TypeReference<Page<Host>> HOST_PAGE = new TypeReference<>() { };
    private static final TypeReference<Page<Vm>> VM_PAGE = new TypeReference<>() { };
    private static final TypeReference<Page<Event>> EVENT_PAGE = new TypeReference<>() { };
    private static final TypeReference<Page<Job>> JOB_PAGE = new TypeReference<>() { };
    private static final TypeReference<Page<Cluster>> CLUSTER_PAGE = new TypeReference<>() { };

    private final EngineHttp http;

    public EngineClient(URI baseUrl, Duration timeout) {
        this(baseUrl, timeout, () -> null);
    }

    /**
     * @param bearerToken the token of the person on whose behalf a call is made, read at each call
     *                    (null: none), so one client serves every signed-in user
     */
    public EngineClient(URI baseUrl, Duration timeout, Supplier<String> bearerToken) {
        this.http = new EngineHttp(baseUrl, timeout, bearerToken);
    }

    /** The engine's base URL, without a trailing slash. */
    public URI baseUrl() {
        return http.baseUrl();
    }

    EngineHttp http() {
        return http;
    }

    /**
     * Opens the engine's change stream with the current caller's token: {@code onOpen} runs once the engine
     * accepted it, {@code onChange} gets each message (JSON naming what changed), {@code onClosed} why it
     * ended. Close it when the page goes away.
     */
    public ChangeStream changes(Runnable onOpen, java.util.function.Consumer<String> onChange,
                                java.util.function.Consumer<String> onClosed) {
        return new ChangeStream(http, onOpen, onChange, onClosed);
    }

    // ---- hosts ---------------------------------------------------------------------------------

    public Page<Host> listHosts(int offset, int limit) {
        return http.get("/api/v1/hosts" + query("offset", offset, "limit", limit), HOST_PAGE);
    }

    /** Exactly the hosts at {@code [offset, offset + limit)}, like {@link #vmRange}. */
    public List<Host> hostRange(int offset, int limit) {
        return EngineHttp.range(offset, limit, this::listHosts);
    }

    public Host host(String id) {
        return http.get("/api/v1/hosts/" + seg(id), new TypeReference<>() { });
    }

    /** Maintenance: an empty host goes at once (empty result); one with VMs is evacuated by the returned job. */
    public Optional<Job> maintenance(String hostId) {
        HttpResponse<String> resp = http.post("/api/v1/hosts/" + seg(hostId) + "/maintenance", null);
        return resp.statusCode() == 202 ? Optional.of(http.read(resp, new TypeReference<Job>() { })) : Optional.empty();
    }

    public Host activate(String hostId) {
        return http.read(http.post("/api/v1/hosts/" + seg(hostId) + "/activate", null), new TypeReference<>() { });
    }

    // ---- clusters ------------------------------------------------------------------------------

    /** The clusters (the engine caps a page at 1,000; there are never that many). */
    public List<Cluster> clusters() {
        return EngineHttp.range(0, 1000, (o, l) -> http.get("/api/v1/clusters" + query("offset", o, "limit", l),
                CLUSTER_PAGE));
    }

    // ---- VMs -----------------------------------------------------------------------------------

    /** The VMs on one host, by name (the engine filters; at most {@code limit}). */
    public Page<Vm> vmsOnHost(String hostId, int limit) {
        return http.get("/api/v1/vms" + query("hostId", hostId, "limit", limit, "sort", "name"), VM_PAGE);
    }

    public Page<Vm> listVms(int offset, int limit, VmQuery q) {
        List<Object> params = new ArrayList<>(List.of("offset", offset, "limit", limit));
        if (q.sort() != null) {
            params.addAll(List.of("sort", q.sort(), "dir", q.ascending() ? "asc" : "desc"));
        }
        if (q.nameLike() != null) {
            params.addAll(List.of("q", q.nameLike()));
        }
        if (q.status() != null) {
            params.addAll(List.of("status", q.status().name()));
        }
        return http.get("/api/v1/vms" + query(params.toArray()), VM_PAGE);
    }

    /**
     * Exactly the VMs at {@code [offset, offset + limit)} (fewer only at the end of the list), in as
     * many requests as the engine's own page-size cap needs.
     */
    public List<Vm> vmRange(int offset, int limit, VmQuery q) {
        return EngineHttp.range(offset, limit, (o, l) -> listVms(o, l, q));
    }

    /** How many VMs (that the caller may see) are in this state: one request for one row. */
    public long countVms(VmStatus status) {
        return listVms(0, 1, new VmQuery(null, true, null, status)).total();
    }

    public Vm vm(String id) {
        return http.get("/api/v1/vms/" + seg(id), new TypeReference<>() { });
    }

    public Vm createVm(NewVm vm) {
        return http.read(http.post("/api/v1/vms", vm), new TypeReference<>() { });
    }

    /** Starts a lifecycle action; the engine answers 202 with the job that carries it out. */
    public Job vmAction(String vmId, VmAction action) {
        return http.read(http.post("/api/v1/vms/" + seg(vmId) + "/" + action.path(), null), new TypeReference<>() { });
    }

    /** Starts many VMs with one placement batch (at most 500); each VM gets its own outcome. */
    public BulkStart startVms(java.util.List<String> vmIds) {
        return http.read(http.post("/api/v1/vms/start", new BulkStart.Request(vmIds)), new TypeReference<>() { });
    }

    /**
     * Live-migrates a running VM (administrators): to {@code hostId}, or where the scheduler chooses when it
     * is null. 202 with the migration job; a refusal (no host fits, wrong state) is a 409 with the reason.
     */
    public Job migrate(String vmId, String hostId) {
        return http.read(http.post("/api/v1/vms/" + seg(vmId) + "/migrate",
                hostId == null ? null : java.util.Map.of("hostId", hostId)), new TypeReference<>() { });
    }

    public void deleteVm(String vmId) {
        http.delete("/api/v1/vms/" + seg(vmId));
    }

    /** The guest's serial console output so far (text/plain). */
    public String consoleLog(String vmId) {
        HttpRequest req = http.request("/api/v1/vms/" + seg(vmId) + "/console-log")
                .header("Accept", "text/plain, application/problem+json")
                .GET()
                .build();
        return http.send(req).body();
    }

    /** A one-time console ticket for the running VM. */
    public ConsoleTicket consoleTicket(String vmId) {
        return http.read(http.post("/api/v1/vms/" + seg(vmId) + "/console", null), new TypeReference<>() { });
    }

    /**
     * The scheduler's dry run for the VM: where it would run now, every host's scores, and why the
     * others cannot take it. Places nothing.
     */
    public Placement placement(String vmId) {
        return http.get("/api/v1/vms/" + seg(vmId) + "/placement", new TypeReference<>() { });
    }

    // ---- the signed-in person --------------------------------------------------------------------

    /** Who the engine sees behind this UI's calls: name, groups, administrator or not, quota. */
    public Me me() {
        return http.get("/api/v1/me", new TypeReference<>() { });
    }

    // ---- events and jobs -------------------------------------------------------------------------

    /** Newest first; {@code objectId} (a VM, host, cluster …) narrows to that object, null for all. */
    public Page<Event> listEvents(int offset, int limit, String objectId) {
        return http.get("/api/v1/events" + query("offset", offset, "limit", limit, "objectId", objectId), EVENT_PAGE);
    }

    public List<Event> eventRange(int offset, int limit, String objectId) {
        return EngineHttp.range(offset, limit, (o, l) -> listEvents(o, l, objectId));
    }

    /** Newest first: all jobs for administrators, one's own for everyone else. */
    public Page<Job> listJobs(int offset, int limit) {
        return http.get("/api/v1/jobs" + query("offset", offset, "limit", limit), JOB_PAGE);
    }

    public List<Job> jobRange(int offset, int limit) {
        return EngineHttp.range(offset, limit, this::listJobs);
    }

    public Job job(String id) {
        return http.get("/api/v1/jobs/" + seg(id), new TypeReference<>() { });
    }

    /** Cancels a running job (the engine can cancel migrations). */
    public Job cancelJob(String id) {
        return http.read(http.post("/api/v1/jobs/" + seg(id) + "/cancel", null), new TypeReference<>() { });
    }
}
