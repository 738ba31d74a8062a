package dev.vireo.systemtests;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Real processes for end-to-end tests: the built engine (on its embedded PostgreSQL), one lab
 * hypervisor host (a libvirtd in its own namespaces, started by lab/host.sh) with the built host agent
 * inside it, and optionally the web UI, all trusting the lab's {@link Keycloak}. Everything is stopped by
 * {@link #close()}.
 */
public final class Lab implements AutoCloseable {
    public static final Path ROOT = Path.of(System.getProperty("vireo.root", "..")).toAbsolutePath().normalize();
    public static final Path IMAGES = Path.of(System.getProperty("vireo.images", "/var/lib/vireo/images"));

    public final Path work;
    public final String hostName;
    public final int enginePort;
    public final Api api;
    public final Keycloak keycloak;
    private final int dbPort;
    private final String token = UUID.randomUUID().toString();
    private final List<String> engineProperties = new ArrayList<>();
    private Process engine;
    private Process agent;
    private Process webUi;
    private int uiPort;
    private final List<String> startedHosts = new ArrayList<>();

    private Lab(String hostName) throws IOException {
        this.work = Files.createDirectories(Path.of(System.getProperty("vireo.work", "target/lab-work"))
                .toAbsolutePath().resolve("run-" + System.currentTimeMillis()));
        this.hostName = hostName;
        this.enginePort = freePort();
        this.dbPort = freePort();
        this.keycloak = Keycloak.shared();
        this.api = apiAs("admin");
    }

    /** The engine's API as this lab user (admin, alice, bob, carol; the password is the name). */
    public Api apiAs(String user) {
        return new Api(enginePort, () -> keycloak.token(user, user));
    }

    /** The engine's API without a token. */
    public Api anonymousApi() {
        return new Api(enginePort);
    }

    private final java.util.Map<String, Process> netnsAgents = new java.util.LinkedHashMap<>();
    /** the lab bridge's address in the root namespace, where agents inside host namespaces reach the engine */
    public static final String BRIDGE_IP = "10.78.0.1";

    /**
     * Hosts in their own network namespaces (name, address pairs such as "mig-a", "10.78.0.21"), each with its
     * libvirtd listening on its address and its agent taking migrations there: a real two-host live
     * migration lab.
     */
    public static Lab startNetnsHosts(String... nameAddressPairs) throws Exception {
        // fencing a lab host = stopping everything in its namespaces (libvirtd, QEMU, its agent)
        return startNetnsHosts(List.of("-Dvireo.fencing.command=" + ROOT.resolve("lab/host.sh") + ",stop,{host}",
                "-Dvireo.balancer.interval=2s"), List.of(), nameAddressPairs);
    }

    /**
     * Netns hosts with these engine and agent system properties ("-Dname=value") and no others of the lab's (an
     * agent property -Dvireo.agent.image-dirs=… replaces the lab's image directory).
     */
    public static Lab startNetnsHosts(List<String> engineProperties, List<String> agentProperties,
                                      String... nameAddressPairs) throws Exception {
        Lab lab = new Lab(nameAddressPairs[0]);
        lab.engineProperties.addAll(engineProperties);
        try {
            lab.startEngine();
            for (int i = 0; i < nameAddressPairs.length; i += 2) {
                String name = nameAddressPairs[i];
                String address = nameAddressPairs[i + 1];
                lab.run(List.of(ROOT.resolve("lab/host.sh").toString(), "start", name, "--netns", address + "/24"),
                        Duration.ofSeconds(90));
                lab.startedHosts.add(name);
                List<String> agent = new ArrayList<>(List.of(ROOT.resolve("lab/host.sh").toString(),
                        "exec", name, "java", "-Xmx256m"));
                agent.addAll(agentProperties);
                if (agentProperties.stream().noneMatch(p -> p.startsWith("-Dvireo.agent.image-dirs="))) {
                    agent.add("-Dvireo.agent.image-dirs=" + IMAGES);
                }
                agent.addAll(List.of(
                        "-Dvireo.agent.engine-url=http://" + BRIDGE_IP + ":" + lab.enginePort,
                        "-Dvireo.agent.state-dir=" + lab.work.resolve("agent-" + name),
                        "-Dvireo.agent.domain-type=qemu",
                        "-Dvireo.agent.host-name=" + name,
                        "-Dvireo.agent.vnc-listen=0.0.0.0",
                        "-Dvireo.agent.migration-uri=qemu+tcp://" + address + "/system",
                        "-jar", ROOT.resolve("host-agent/target/quarkus-app/quarkus-run.jar").toString()));
                lab.netnsAgents.put(name, lab.spawn("agent-" + name, agent));
            }
            int hosts = nameAddressPairs.length / 2;
            lab.api.await("/api/v1/hosts", j -> j.path("items").findValuesAsText("status").stream()
                    .filter("UP"::equals).count() == hosts, Duration.ofSeconds(120), hosts + " hosts UP");
            return lab;
        } catch (Exception | AssertionError e) {
            lab.close();
            throw e;
        }
    }

    /** Kills the agent of a netns lab host (SIGKILL). */
    public void killAgentOf(String host) throws InterruptedException {
        netnsAgents.get(host).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Kills a lab host's libvirtd (SIGKILL), as a crash would; its guests and its agent stay. */
    public void killLibvirtd(String host) throws Exception {
        String pid = run(List.of(ROOT.resolve("lab/host.sh").toString(), "pid", host), Duration.ofSeconds(30)).trim();
        run(List.of("kill", "-9", pid), Duration.ofSeconds(10));
    }

    /** lab/host.sh with these arguments (e.g. "ovs", host; "exec", host, "ip", "link"); its output. */
    public String hostSh(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("lab/host.sh").toString()));
        cmd.addAll(List.of(args));
        return run(cmd, Duration.ofSeconds(60));
    }

    /** virsh inside the named lab host. */
    public String virshOn(String host, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("lab/host.sh").toString(), "virsh", host));
        cmd.addAll(List.of(args));
        return run(cmd, Duration.ofSeconds(60));
    }

    /** Only the engine (no lab host): for benchmarks that bring their own simulated hosts. */
    public static Lab engineOnly(List<String> engineProperties) throws Exception {
        Lab lab = new Lab("none");
        lab.engineProperties.addAll(engineProperties);
        try {
            lab.startEngine();
            return lab;
        } catch (Exception | AssertionError e) {
            lab.close();
            throw e;
        }
    }

    public String enrollmentToken() {
        return token;
    }

    public int dbPort() {
        return dbPort;
    }

    public static Lab start(String hostName) throws Exception {
        return start(hostName, List.of());
    }

    /** One lab host, with extra engine system properties ("-Dname=value"). */
    public static Lab start(String hostName, List<String> engineProperties) throws Exception {
        Lab lab = new Lab(hostName);
        lab.engineProperties.addAll(engineProperties);
        try {
            lab.startEngine();
            lab.startHost();
            lab.startAgent();
            lab.api.await("/api/v1/hosts", j -> j.path("items").findValuesAsText("status").contains("UP"),
                    Duration.ofSeconds(90), "host " + hostName + " UP");
            return lab;
        } catch (Exception | AssertionError e) {
            lab.close();
            throw e;
        }
    }

    /** Wall time of the last engine start, from process spawn to ready. */
    public Duration engineStartTime;

    public long enginePid() {
        return engine.pid();
    }

    public long agentPid() {
        return agent.pid();
    }

    public void startEngine() throws IOException {
        long t0 = System.nanoTime();
        List<String> command = new ArrayList<>(List.of("java", "-Xmx1g",
                "-Dquarkus.http.port=" + enginePort,
                "-Dvireo.db.data-dir=" + work.resolve("db"),
                "-Dvireo.db.port=" + dbPort,
                "-Dvireo.image-dirs=" + IMAGES,
                "-Dvireo.hosts.heartbeat-grace=10s",
                "-Dvireo.hosts.monitor-interval=1s",
                "-Dquarkus.oidc.auth-server-url=" + keycloak.issuer()));
        command.addAll(engineProperties);
        // e.g. a flight recording while a benchmark runs: -Dvireo.engine-jvm-options="-XX:StartFlightRecording=…"
        String jvmOptions = System.getProperty("vireo.engine-jvm-options", "").strip();
        if (!jvmOptions.isEmpty()) {
            command.addAll(List.of(jvmOptions.split("\\s+")));
        }
        command.addAll(List.of("-jar", ROOT.resolve("engine/target/quarkus-app/quarkus-run.jar").toString()));
        engine = spawn("engine", command);
        api.await("/q/health/ready", j -> "UP".equals(j.path("status").asText()), Duration.ofSeconds(90),
                "engine ready (log: " + work.resolve("engine.log") + ")");
        engineStartTime = Duration.ofNanos(System.nanoTime() - t0);
    }

    /** SIGTERM, like an admin's restart; the database stays. */
    public void stopEngine() throws InterruptedException {
        stop(engine);
        engine = null;
    }

    private void startHost() throws Exception {
        run(List.of(ROOT.resolve("lab/host.sh").toString(), "start", hostName), Duration.ofSeconds(90));
        startedHosts.add(hostName);
    }

    /** SIGKILL, like a crash: no goodbye to the engine. */
    public void killAgent() throws InterruptedException {
        agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    public void startAgent() throws IOException {
        agent = spawn("agent", List.of(ROOT.resolve("lab/host.sh").toString(), "exec", hostName, "java", "-Xmx256m",
                "-Dvireo.agent.engine-url=http://127.0.0.1:" + enginePort,
                "-Dvireo.agent.state-dir=" + work.resolve("agent"),
                "-Dvireo.agent.domain-type=qemu",
                "-Dvireo.agent.image-dirs=" + IMAGES,
                "-Dvireo.agent.host-name=" + hostName,
                "-jar", ROOT.resolve("host-agent/target/quarkus-app/quarkus-run.jar").toString()));
    }

    public String startWebUi() throws IOException {
        return startWebUi(List.of());
    }

    /** The web UI with extra system properties ({@code -Dname=value}). */
    public String startWebUi(List<String> properties) throws IOException {
        uiPort = freePort();
        List<String> command = new ArrayList<>(List.of("java", "-Xmx512m", "-Dquarkus.http.port=" + uiPort,
                "-Dvireo.engine-url=http://127.0.0.1:" + enginePort,
                "-Dquarkus.oidc.auth-server-url=" + keycloak.issuer()));
        command.addAll(properties);
        command.addAll(List.of("-jar", ROOT.resolve("web-ui/target/quarkus-app/quarkus-run.jar").toString()));
        webUi = spawn("web-ui", command);
        String url = "http://127.0.0.1:" + uiPort + "/";
        Api ui = new Api(uiPort);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        // any HTTP answer will do: signed out, "/" redirects to Keycloak's login form
        while (ui.get("/").status() <= 0) {
            if (System.nanoTime() > deadline || !webUi.isAlive()) {
                throw new AssertionError("web UI did not come up; log: " + work.resolve("web-ui.log"));
            }
            Api.sleep(200);
        }
        return url;
    }

    /** Runs virsh inside the lab host, as an admin on that hypervisor would. */
    public String onHost(String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("lab/host.sh").toString(), "exec", hostName));
        cmd.addAll(List.of(command));
        return run(cmd, Duration.ofSeconds(300));
    }

    public String virsh(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("lab/host.sh").toString(), "virsh", hostName));
        cmd.addAll(List.of(args));
        return run(cmd, Duration.ofSeconds(60));
    }

    public String engineLog() throws IOException {
        return Files.readString(work.resolve("engine.log"));
    }

    @Override
    public void close() {
        List<Process> processes = new ArrayList<>(netnsAgents.values());
        processes.addAll(java.util.Arrays.asList(webUi, agent, engine));
        for (Process p : processes) {
            try {
                stop(p);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String h : startedHosts) {
            try {
                run(List.of(ROOT.resolve("lab/host.sh").toString(), "stop", h), Duration.ofSeconds(90));
            } catch (Exception e) {
                System.err.println("stopping lab host " + h + " failed: " + e);
            }
        }
    }

    /**
     * Starts a process of the lab; the enrolment token goes in its environment (the engine's and the agents'
     * names for it), never on its command line, where {@code ps} would show it to every user of the machine.
     */
    private Process spawn(String name, List<String> command) throws IOException {
        File log = work.resolve(name + ".log").toFile();
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("VIREO_ENROLLMENT_TOKEN", token);
        builder.environment().put("VIREO_AGENT_ENROLLMENT_TOKEN", token);
        return builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }

    private static void stop(Process p) throws InterruptedException {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String run(List<String> command, Duration timeout) throws Exception {
        Path out = Files.createTempFile(work, "cmd", ".out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        String text = Files.readString(out);
        if (p.exitValue() != 0) {
            throw new AssertionError("failed (" + p.exitValue() + "): " + command + "\n" + text);
        }
        return text;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
