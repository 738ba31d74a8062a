package dev.vireo.agent.engine;

import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.HostFacts;
import dev.vireo.protocol.Json;
import org.jboss.logging.Logger;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One websocket connection to the engine. Sends hello and a state report first, then heartbeats and state
 * reports on timers; runs incoming commands on the worker pool (never on the websocket's thread; in arrival
 * order per VM), one reply each followed by a state report. Sends are chained, because the JDK websocket allows only one
 * outstanding send. {@link #closed()} completes, with the reason, when the connection is gone.
 */
final class AgentSession implements WebSocket.Listener {
    private static final Logger LOG = Logger.getLogger(AgentSession.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;
    /**
     * The largest frame taken from the engine, in characters: a command with a domain spec (cloud-init data at most
     * 64 KiB) is far below it; a larger one is not buffered without end but ends the session.
     */
    static final int MAX_FRAME_CHARS = 4 << 20;

    private final AgentHost host;
    private final KeyedSerialExecutor workers;
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final List<ScheduledFuture<?>> timers = new CopyOnWriteArrayList<>();
    private volatile WebSocket webSocket;
    private volatile ScheduledExecutorService timer;
    /** a state report is due shortly after commands finished (one for a burst of commands, not one each) */
    private final AtomicBoolean reportDue = new AtomicBoolean();
    static final long REPORT_AFTER_COMMANDS_MS = 500;
    private CompletableFuture<?> sendTail = CompletableFuture.completedFuture(null);

    AgentSession(AgentHost host, KeyedSerialExecutor workers) {
        this.host = host;
        this.workers = workers;
    }

    /** Hello, a state report, then timers; only then does the session accept frames from the engine. */
    void start(WebSocket socket, HostFacts facts, ScheduledExecutorService timer, EngineSettings settings) {
        this.webSocket = socket;
        this.timer = timer;
        send(new AgentMessage.Hello(facts));
        sendStateReport();
        long heartbeat = settings.heartbeatInterval().toMillis();
        long report = settings.reportInterval().toMillis();
        timers.add(timer.scheduleAtFixedRate(this::sendHeartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS));
        timers.add(timer.scheduleAtFixedRate(this::sendStateReport, report, report, TimeUnit.MILLISECONDS));
        socket.request(1);
    }

    CompletableFuture<String> closed() {
        return closed;
    }

    /** Queues a frame behind the previous one; a failed or stuck send ends the session. */
    synchronized CompletableFuture<?> send(AgentMessage message) {
        if (closed.isDone() || webSocket == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected"));
        }
        String text = Json.write(message);
        WebSocket socket = webSocket;
        sendTail = sendTail.handle((ignored, error) -> null)
                .thenCompose(ignored -> socket.sendText(text, true))
                .orTimeout(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .whenComplete((ignored, error) -> {
                    if (error != null) {
                        fail("sending to the engine failed: " + error);
                    }
                });
        return sendTail;
    }

    private void sendHeartbeat() {
        try {
            send(host.heartbeat());
        } catch (RuntimeException e) { // an exception would cancel the timer for good
            LOG.warnf("heartbeat skipped: %s", e.toString());
        }
    }

    void sendStateReport() {
        try {
            send(new AgentMessage.StateReport(host.domains()));
            host.extraReports().forEach(this::send);
        } catch (Exception e) {
            // never send a partial or empty picture: the engine would take missing domains for gone
            LOG.warnf("state report skipped: %s", e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    @Override
    public void onOpen(WebSocket socket) {
        // no request(1) yet: frames are taken once hello has gone out (see start)
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        if (partial.length() + data.length() > MAX_FRAME_CHARS) {
            partial.setLength(0);
            fail("the engine sent a frame of more than " + MAX_FRAME_CHARS + " characters; refused");
            return null;
        }
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            receive(text);
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
        LOG.debug("ignoring a binary frame from the engine");
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        finish("closed by the engine (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")");
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        finish("connection error: " + error);
    }

    private void receive(String text) {
        AgentMessage message;
        try {
            message = Json.read(text);
        } catch (IllegalArgumentException e) {
            LOG.warnf("ignoring a frame from the engine: %s", e.getMessage());
            return;
        }
        if (message instanceof AgentMessage.Command command) {
            workers.execute(vmKey(command), () -> run(command));
        } else {
            LOG.debugf("ignoring a %s frame from the engine", message.getClass().getSimpleName());
        }
    }

    /** Commands for one VM run in the order they came; an abort runs beside the job it aborts. */
    private static String vmKey(AgentMessage.Command command) {
        if (command.action() == dev.vireo.protocol.CommandAction.ABORT_JOB) {
            return "abort:" + command.vmId();
        }
        if (command.action() == dev.vireo.protocol.CommandAction.CONFIRM_NETWORKS) {
            return "confirm:" + command.vmId(); // the setup it confirms waits on its own key
        }
        if (command.vmId() != null) {
            return command.vmId().toLowerCase();
        }
        return command.spec() != null && command.spec().uuid() != null ? command.spec().uuid().toLowerCase() : "";
    }

    private void run(AgentMessage.Command command) {
        AgentMessage.Reply reply;
        try {
            reply = host.handle(command);
        } catch (RuntimeException e) {
            LOG.errorf(e, "command %s failed unexpectedly", command.id());
            reply = new AgentMessage.Reply(command.id(), "agent error: " + e, "internal", null, null);
        }
        send(reply);
        reportSoon();
    }

    /**
     * The reply already carries the domain's state; the report that follows catches what else the command
     * changed. A host starting 50 VMs at once sends one such report, not 50 (each lists every domain).
     */
    private void reportSoon() {
        ScheduledExecutorService t = timer;
        if (t == null) {
            sendStateReport();
        } else if (reportDue.compareAndSet(false, true)) {
            try {
                t.schedule(() -> {
                    reportDue.set(false);
                    sendStateReport();
                }, REPORT_AFTER_COMMANDS_MS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                reportDue.set(false);
            }
        }
    }

    /** Closes politely (the agent is stopping). */
    void close() {
        WebSocket socket = webSocket;
        if (socket != null && !closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "agent stopping")
                    .orTimeout(2, TimeUnit.SECONDS)
                    .whenComplete((ignored, error) -> socket.abort());
        }
        finish("agent stopping");
    }

    private void fail(String reason) {
        WebSocket socket = webSocket;
        if (socket != null) {
            socket.abort();
        }
        finish(reason);
    }

    private void finish(String reason) {
        timers.forEach(timer -> timer.cancel(false));
        closed.complete(reason);
    }
}
