package dev.vireo.agent.engine;

import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DomainState;
import dev.vireo.protocol.DomainStatus;
import dev.vireo.protocol.HostFacts;
import dev.vireo.protocol.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/** The engine link against {@link MiniEngine}: enrolment, handshake, frames, reconnects. */
class EngineLinkTest {
    static final DomainStatus VM = new DomainStatus("0b0e6c1a-0000-4000-8000-000000000001",
            "vireo-0b0e6c1a-0000-4000-8000-000000000001", DomainState.RUNNING, 5900);

    @TempDir
    Path state;
    MiniEngine engine;
    FakeHost host = new FakeHost();
    EngineLink link;

    @BeforeEach
    void startEngine() throws Exception {
        engine = new MiniEngine();
    }

    @AfterEach
    void stop() throws Exception {
        if (link != null) {
            link.stop();
        }
        engine.close();
    }

    void startLink(String token) {
        EngineSettings settings = new EngineSettings(URI.create(engine.url()), Optional.ofNullable(token), state,
                Duration.ofMillis(200), Duration.ofSeconds(30));
        link = new EngineLink(settings, host, EngineLink.httpClient(), 2);
        link.start();
    }

    @Test
    void enrolsStoresTheCredentialAndSaysHello() throws Exception {
        startLink(MiniEngine.TOKEN);
        String enrol = engine.enrolBodies.poll(10, java.util.concurrent.TimeUnit.SECONDS);
        assertNotNull(enrol);
        assertTrue(enrol.contains("\"facts\":{\"hostname\":\"host-a\""), enrol);

        AgentMessage hello = Json.read(engine.nextFrame());
        assertEquals(new AgentMessage.Hello(host.facts()), hello);
        assertEquals(List.of(VM), ((AgentMessage.StateReport) Json.read(engine.nextFrame())).domains());
        assertInstanceOf(AgentMessage.Heartbeat.class, Json.read(engine.nextFrame("heartbeat")));
        assertEquals(List.of("Bearer host-1:secret-1"), engine.authorizations);

        Path file = state.resolve("credential.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(Optional.of(new Credential("host-1", "secret-1")), new CredentialStore(file).load());
    }

    @Test
    void commandsAreAnsweredOnceEvenWhenFragmented() throws Exception {
        startLink(MiniEngine.TOKEN);
        engine.nextFrame("hello");
        var command = new AgentMessage.Command("cmd-7", CommandAction.PAUSE, VM.uuid(), null, null);
        engine.send(Json.write(command), 3);
        AgentMessage.Reply reply = (AgentMessage.Reply) Json.read(engine.nextFrame("reply"));
        assertEquals("cmd-7", reply.commandId());
        assertTrue(reply.ok());
        assertEquals(List.of(VM), ((AgentMessage.StateReport) Json.read(engine.nextFrame("state-report"))).domains());
        assertEquals(List.of("cmd-7"), host.handled);
    }

    @Test
    void commandsForOneVmRunInArrivalOrder() throws Exception {
        startLink(MiniEngine.TOKEN);
        engine.nextFrame("hello");
        String other = "0b0e6c1a-0000-4000-8000-000000000002";
        engine.send(Json.write(new AgentMessage.Command("slow-1", CommandAction.SHUTDOWN, VM.uuid(), null, null)), 1);
        engine.send(Json.write(new AgentMessage.Command("fast-2", CommandAction.POWEROFF, VM.uuid(), null, null)), 1);
        engine.send(Json.write(new AgentMessage.Command("fast-3", CommandAction.PAUSE, other, null, null)), 1);
        for (int i = 0; i < 3; i++) {
            engine.nextFrame("reply");
        }
        assertEquals(List.of("fast-3", "slow-1", "fast-2"), host.handled,
                "the other VM's command does not wait; the same VM's commands keep their order");
    }

    @Test
    void anOversizedFrameEndsTheSessionInsteadOfFillingMemory() throws Exception {
        startLink(MiniEngine.TOKEN);
        engine.nextFrame("hello");
        String padded = Json.write(new AgentMessage.Command("huge-1", CommandAction.PAUSE, VM.uuid(), null, null))
                .replace("\"huge-1\"", "\"huge-1" + "x".repeat(AgentSession.MAX_FRAME_CHARS) + "\"");
        engine.send(padded, 16);
        assertInstanceOf(AgentMessage.Hello.class, Json.read(engine.nextFrame("hello")), "the agent connected again");
        assertTrue(host.handled.isEmpty(), "the oversized command was never handled: " + host.handled);
    }

    @Test
    void lifecycleEventsAreForwarded() throws Exception {
        startLink(MiniEngine.TOKEN);
        engine.nextFrame("state-report");
        var event = new AgentMessage.Lifecycle(VM, "STARTED", "BOOTED");
        host.lifecycle.accept(event);
        assertEquals(event, Json.read(engine.nextFrame("lifecycle")));
    }

    @Test
    void aRejectedCredentialIsReplacedByEnrollingAgain() throws Exception {
        new CredentialStore(state.resolve("credential.json")).save(new Credential("host-1", "stale"));
        startLink(MiniEngine.TOKEN);
        assertInstanceOf(AgentMessage.Hello.class, Json.read(engine.nextFrame("hello")));
        assertEquals(List.of("Bearer host-1:stale", "Bearer host-1:secret-1"), engine.authorizations);
        assertEquals(1, engine.enrolBodies.size());
    }

    @Test
    void reconnectsAfterTheConnectionDrops() throws Exception {
        startLink(MiniEngine.TOKEN);
        engine.nextFrame("hello");
        engine.dropAgent();
        assertInstanceOf(AgentMessage.Hello.class, Json.read(engine.nextFrame("hello")), "a second hello");
        assertEquals(1, engine.enrolBodies.size(), "the credential is reused");
        assertTrue(link.connected());
    }

    @Test
    void aBadTokenKeepsRetrying() throws Exception {
        startLink("wrong");
        assertNotNull(engine.enrolBodies.poll(10, java.util.concurrent.TimeUnit.SECONDS));
        assertNotNull(engine.enrolBodies.poll(10, java.util.concurrent.TimeUnit.SECONDS), "tried again");
        assertFalse(Files.exists(state.resolve("credential.json")));
        assertFalse(link.connected());
    }

    @Test
    void urisFollowTheEngineUrl() {
        var settings = new EngineSettings(URI.create("https://engine.example:8443/"), Optional.empty(), state,
                Duration.ofSeconds(5), Duration.ofSeconds(30));
        assertEquals(URI.create("https://engine.example:8443/api/v1/hosts/enroll"), settings.enrollUri());
        assertEquals(URI.create("wss://engine.example:8443/api/v1/agent/connect"), settings.connectUri());
        assertEquals("Bearer h:c", new Credential("h", "c").bearer());
        assertFalse(new Credential("h", "c").toString().contains("c]"), "the secret stays out of logs");
    }

    static final class FakeHost implements AgentHost {
        final List<String> handled = new CopyOnWriteArrayList<>();
        volatile Consumer<AgentMessage.Lifecycle> lifecycle;

        @Override
        public HostFacts facts() {
            return new HostFacts("host-a", "Skylake", 2, 4096, "9.0.0", "7.2.0", "test:///default", "qemu",
                    List.of("/var/lib/vireo/images"), "test");
        }

        @Override
        public List<DomainStatus> domains() {
            return List.of(VM);
        }

        @Override
        public AgentMessage.Heartbeat heartbeat() {
            return new AgentMessage.Heartbeat(System.currentTimeMillis(), 1, 1024);
        }

        @Override
        public AgentMessage.Reply handle(AgentMessage.Command command) {
            if (command.id().startsWith("slow")) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            handled.add(command.id());
            return new AgentMessage.Reply(command.id(), null, null, VM, null);
        }

        @Override
        public void onLifecycle(Consumer<AgentMessage.Lifecycle> listener) {
            lifecycle = listener;
        }
    }
}
