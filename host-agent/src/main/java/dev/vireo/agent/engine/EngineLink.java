package dev.vireo.agent.engine;

import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.HostFacts;
import org.jboss.logging.Logger;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's line to the engine: enrols when there is no credential, dials the engine's websocket with
 * {@code Authorization: Bearer hostId:credential}, and keeps dialling after every disconnect (0.5 s doubling
 * to 10 s). A 401/403 on the handshake throws the credential away and enrols again.
 */
public final class EngineLink {
    private static final Logger LOG = Logger.getLogger(EngineLink.class);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    private final EngineSettings settings;
    private final AgentHost host;
    private final HttpClient http;
    private final CredentialStore credentials;
    private final Enrollment enrollment;
    private final ExecutorService workers;
    private final KeyedSerialExecutor commandQueue;
    private final ScheduledExecutorService timers;
    private final boolean ownsPools;
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));
    private volatile AgentSession current;
    private volatile boolean stopping;
    private Thread thread;
    private String lastProblem;

    public EngineLink(EngineSettings settings, AgentHost host, HttpClient http, int commandThreads) {
        this(settings, host, http, Executors.newFixedThreadPool(commandThreads, daemon("vireo-command")),
                Executors.newScheduledThreadPool(2, daemon("vireo-reports")), true);
    }

    /**
     * A link that runs its commands on {@code workers} and its heartbeat and report timers on {@code timers},
     * pools shared with other links (many agents in one process: the fleet simulator). The caller owns the
     * pools: {@link #stop()} leaves them running.
     */
    public EngineLink(EngineSettings settings, AgentHost host, HttpClient http, ExecutorService workers,
                      ScheduledExecutorService timers) {
        this(settings, host, http, workers, timers, false);
    }

    private EngineLink(EngineSettings settings, AgentHost host, HttpClient http, ExecutorService workers,
                       ScheduledExecutorService timers, boolean ownsPools) {
        this.settings = settings;
        this.host = host;
        this.http = http;
        this.credentials = new CredentialStore(settings.credentialFile());
        this.enrollment = new Enrollment(settings, http);
        this.workers = workers;
        this.commandQueue = new KeyedSerialExecutor(workers);
        this.timers = timers;
        this.ownsPools = ownsPools;
        host.onLifecycle(this::forward);
        host.onProgress(this::forward);
        host.onGuestReport(this::forward);
    }

    /** An HTTP client fit for the link: HTTP/1.1 (the websocket upgrade), bounded connect time. */
    public static HttpClient httpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::run, "vireo-engine-link");
        thread.setDaemon(true);
        thread.start();
    }

    public void stop() {
        stopping = true;
        AgentSession session = current;
        if (session != null) {
            session.close();
        }
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            running.interrupt();
        }
        if (ownsPools) {
            workers.shutdownNow();
            timers.shutdownNow();
        }
    }

    public boolean connected() {
        AgentSession session = current;
        return session != null && !session.closed().isDone();
    }

    private void run() {
        LOG.infof("engine link: %s", settings.connectUri());
        while (!stopping) {
            try {
                AgentSession session = connect();
                backoff.reset();
                String reason = session.closed().get();
                current = null;
                if (!stopping) {
                    LOG.warnf("disconnected from the engine: %s", reason);
                }
            } catch (InterruptedException e) {
                break;
            } catch (Exception e) {
                problem(e);
            }
            if (!stopping && !pause(backoff.next())) {
                break;
            }
        }
    }

    /** One attempt: facts, credential (enrolling if needed), handshake, hello. */
    private AgentSession connect() throws Exception {
        HostFacts facts = host.facts();
        Credential credential = credentials.load().orElse(null);
        if (credential == null) {
            credential = enrollment.enroll(facts);
            credentials.save(credential);
            LOG.infof("enrolled as host %s (credential in %s)", credential.hostId(), credentials.file());
        }
        AgentSession session = new AgentSession(host, commandQueue);
        WebSocket socket = handshake(credential, session);
        current = session;
        session.start(socket, facts, timers, settings);
        LOG.infof("connected to the engine as host %s", credential.hostId());
        lastProblem = null;
        return session;
    }

    private WebSocket handshake(Credential credential, AgentSession session) throws Exception {
        Future<WebSocket> pending = http.newWebSocketBuilder()
                .header("Authorization", credential.bearer())
                .connectTimeout(HANDSHAKE_TIMEOUT)
                .buildAsync(settings.connectUri(), session);
        try {
            return pending.get(HANDSHAKE_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new TimeoutException("no websocket handshake from " + settings.connectUri() + " in " + HANDSHAKE_TIMEOUT);
        } catch (ExecutionException e) {
            WebSocketHandshakeException rejected = handshakeFailure(e);
            if (rejected == null) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            int status = rejected.getResponse().statusCode();
            if (status == 401 || status == 403) {
                credentials.delete();
                throw new EngineRefused(status, "the engine rejected the credential of host " + credential.hostId()
                        + " (HTTP " + status + "); enrolling again");
            }
            throw new EngineRefused(status, "websocket handshake with " + settings.connectUri() + " failed: HTTP " + status);
        }
    }

    private static WebSocketHandshakeException handshakeFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof WebSocketHandshakeException handshake) {
                return handshake;
            }
        }
        return null;
    }

    private void forward(AgentMessage event) {
        AgentSession session = current;
        if (session != null) {
            session.send(event); // when not connected, the next state report tells the engine
        }
    }

    /** Logs a failed attempt: in full the first time, quietly while it keeps failing the same way. */
    private void problem(Exception e) {
        String text = e instanceof EngineRefused ? e.getMessage() : e.toString();
        if (!text.equals(lastProblem)) {
            LOG.warnf("engine link: %s (retrying)", text);
            lastProblem = text;
        } else {
            LOG.debugf("engine link: %s (retrying)", text);
        }
    }

    private boolean pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
