package dev.vireo.agent.command;

import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.DomainXml;
import dev.vireo.agent.libvirt.HostSettings;
import dev.vireo.agent.libvirt.LibvirtConnection;
import dev.vireo.agent.libvirt.SerialLog;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.BootSpec;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.ConsoleSpec;
import dev.vireo.protocol.DomainSpec;
import dev.vireo.protocol.DomainState;
import dev.vireo.protocol.DomainStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The command classes against libvirt's test:///default driver (a real driver, in-memory hypervisor). */
class CommandHandlersTest {
    @TempDir
    static Path tmp;
    static Path kernel;
    static LibvirtConnection libvirt;
    static DomainInventory inventory;
    static CommandDispatcher dispatcher;
    static HostSettings settings;

    final String uuid = UUID.randomUUID().toString();
    int commandCount;

    @BeforeAll
    static void connect() throws Exception {
        Path images = Files.createDirectories(tmp.resolve("images"));
        kernel = Files.writeString(images.resolve("vmlinuz"), "kernel");
        settings = new HostSettings("test", List.of(images), Files.createDirectories(tmp.resolve("logs")), "0.0.0.0");
        libvirt = new LibvirtConnection("test:///default");
        inventory = new DomainInventory(libvirt);
        dispatcher = new CommandDispatcher(List.of(
                new StartDomain(libvirt, inventory, new DomainXml(settings)),
                new ShutdownDomain(inventory), new PowerOffDomain(inventory), new RebootDomain(inventory),
                new PauseDomain(inventory), new ResumeDomain(inventory), new UndefineDomain(inventory),
                new ReadSerialLog(new SerialLog(settings), inventory), new SetConsolePassword(inventory)), inventory);
    }

    @AfterAll
    static void disconnect() {
        libvirt.close();
    }

    @AfterEach
    void cleanUp() {
        run(CommandAction.POWEROFF);
        run(CommandAction.UNDEFINE);
    }

    DomainSpec spec(int memoryMiB) {
        return new DomainSpec(uuid, "web <1> & 'co'", "test guest", memoryMiB, 1,
                new BootSpec(kernel.toString(), null, "console=ttyS0", null), null);
    }

    AgentMessage.Reply start(DomainSpec spec) {
        return dispatcher.handle(new AgentMessage.Command("c" + ++commandCount, CommandAction.START, uuid, spec, null));
    }

    AgentMessage.Reply run(CommandAction action) {
        return dispatcher.handle(new AgentMessage.Command("c" + ++commandCount, action, uuid, null, null));
    }

    static DomainStatus ok(AgentMessage.Reply reply) {
        assertTrue(reply.ok(), () -> "expected ok, got " + reply);
        return reply.domain();
    }

    static void failed(AgentMessage.Reply reply, String kind, String text) {
        assertFalse(reply.ok(), () -> "expected an error, got " + reply);
        assertEquals(kind, reply.errorKind(), reply::toString);
        assertTrue(reply.error().contains(text), () -> reply.error() + " lacks " + text);
        assertFalse(reply.error().contains("\tat "), "no stack trace");
    }

    @Test
    void startRunsTheDomain() {
        AgentMessage.Reply reply = start(spec(128));
        assertEquals("c1", reply.commandId());
        DomainStatus status = ok(reply);
        assertEquals(uuid, status.uuid());
        assertEquals("vireo-" + uuid, status.name());
        assertEquals(DomainState.RUNNING, status.state());
    }

    @Test
    void startTwiceIsIdempotent() {
        ok(start(spec(128)));
        DomainStatus again = ok(start(spec(128)));
        assertEquals(DomainState.RUNNING, again.state());
    }

    @Test
    void startReplacesTheDefinitionOfAShutOffDomain() throws Exception {
        ok(start(spec(128)));
        assertEquals(DomainState.SHUTOFF, ok(run(CommandAction.POWEROFF)).state());
        assertEquals(DomainState.RUNNING, ok(start(spec(256))).state());
        assertEquals(256 * 1024, inventory.find(uuid).orElseThrow().getMaxMemory());
    }

    @Test
    void pauseAndResume() {
        ok(start(spec(128)));
        assertEquals(DomainState.PAUSED, ok(run(CommandAction.PAUSE)).state());
        assertEquals(DomainState.PAUSED, ok(run(CommandAction.PAUSE)).state(), "pausing twice is fine");
        assertEquals(DomainState.RUNNING, ok(run(CommandAction.RESUME)).state());
        assertEquals(DomainState.RUNNING, ok(run(CommandAction.RESUME)).state(), "resuming twice is fine");
    }

    @Test
    void powerOffAndShutdown() {
        ok(start(spec(128)));
        assertEquals(DomainState.SHUTOFF, ok(run(CommandAction.POWEROFF)).state());
        assertEquals(DomainState.SHUTOFF, ok(run(CommandAction.POWEROFF)).state(), "already off is fine");
        ok(start(spec(128)));
        ok(run(CommandAction.SHUTDOWN)); // the test driver shuts down at once; a real guest takes its time
        assertEquals(DomainState.SHUTOFF, ok(run(CommandAction.SHUTDOWN)).state());
    }

    @Test
    void rebootOnlyWhenRunning() {
        ok(start(spec(128)));
        assertEquals(DomainState.RUNNING, ok(run(CommandAction.REBOOT)).state());
        ok(run(CommandAction.POWEROFF));
        failed(run(CommandAction.REBOOT), "invalid", "only a running domain can reboot");
    }

    @Test
    void undefine() throws Exception {
        ok(start(spec(128)));
        ok(run(CommandAction.POWEROFF));
        assertEquals(DomainState.UNDEFINED, ok(run(CommandAction.UNDEFINE)).state());
        assertTrue(inventory.find(uuid).isEmpty());
        assertEquals(DomainState.UNDEFINED, ok(run(CommandAction.UNDEFINE)).state(), "not defined is fine");
    }

    @Test
    void undefineOfARunningDomainIsAnError() {
        ok(start(spec(128)));
        AgentMessage.Reply reply = run(CommandAction.UNDEFINE);
        failed(reply, "invalid", "is running; power it off before undefining it");
        assertEquals(DomainState.RUNNING, reply.domain().state());
    }

    @Test
    void unknownUuidIsNotFound() {
        for (CommandAction action : List.of(CommandAction.PAUSE, CommandAction.RESUME, CommandAction.SHUTDOWN,
                CommandAction.POWEROFF, CommandAction.REBOOT)) {
            AgentMessage.Reply reply = run(action);
            failed(reply, "not-found", "no domain with uuid " + uuid);
            assertEquals(DomainState.UNDEFINED, reply.domain().state());
        }
    }

    @Test
    void invalidRequestsAreInvalid() {
        failed(start(new DomainSpec(uuid, "vm", null, 128, 1, new BootSpec("/etc/passwd", null, null, null), null)),
                "invalid", "is not inside an image directory");
        failed(dispatcher.handle(new AgentMessage.Command("x", CommandAction.PAUSE, "../../etc/passwd", null, null)),
                "invalid", "vmId is not a UUID");
        failed(dispatcher.handle(new AgentMessage.Command("x", CommandAction.START, UUID.randomUUID().toString(),
                spec(128), null)), "invalid", "does not match the spec's uuid");
        failed(dispatcher.handle(new AgentMessage.Command("x", null, uuid, null, null)), "invalid", "unsupported action");
        failed(run(CommandAction.START), "invalid", "START needs a domain spec");
    }

    @Test
    void inventoryListsIt() throws Exception {
        ok(start(spec(128)));
        DomainStatus listed = inventory.list().stream().filter(d -> d.uuid().equals(uuid)).findFirst().orElseThrow();
        assertEquals(new DomainStatus(uuid, "vireo-" + uuid, DomainState.RUNNING, -1), listed);
        ok(run(CommandAction.POWEROFF));
        assertTrue(inventory.list().contains(new DomainStatus(uuid, "vireo-" + uuid, DomainState.SHUTOFF, -1)),
                "a defined domain that is off is listed too");
    }

    @Test
    void lifecycleEventArrivesForStart() throws Exception {
        var events = new LinkedBlockingQueue<AgentMessage.Lifecycle>();
        java.util.function.Consumer<AgentMessage.Lifecycle> listener = events::add;
        libvirt.addLifecycleListener(listener);
        try {
            ok(start(spec(128)));
            AgentMessage.Lifecycle started = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (started == null && System.nanoTime() < deadline) {
                AgentMessage.Lifecycle event = events.poll(100, TimeUnit.MILLISECONDS);
                if (event != null && event.domain().uuid().equals(uuid) && event.event().equals("STARTED")) {
                    started = event;
                }
            }
            assertNotNull(started, "a STARTED event for the domain");
            assertEquals(DomainState.RUNNING, started.domain().state());
            assertEquals("vireo-" + uuid, started.domain().name());
        } finally {
            libvirt.removeLifecycleListener(listener);
        }
    }

    @Test
    void readSerialLog() throws Exception {
        failed(run(CommandAction.READ_SERIAL_LOG), "not-found", "no serial log");
        Files.writeString(settings.serialLogOf("vireo-" + uuid), "x".repeat(100_000) + "GUEST-BOOTED\n");
        AgentMessage.Reply reply = run(CommandAction.READ_SERIAL_LOG);
        assertEquals(DomainState.UNDEFINED, ok(reply).state());
        assertEquals(64 * 1024, reply.text().length());
        assertTrue(reply.text().endsWith("GUEST-BOOTED\n"));
        AgentMessage.Reply small = dispatcher.handle(
                new AgentMessage.Command("s", CommandAction.READ_SERIAL_LOG, uuid, null, 13));
        assertEquals("GUEST-BOOTED\n", small.text());
        failed(dispatcher.handle(new AgentMessage.Command("s", CommandAction.READ_SERIAL_LOG, uuid, null, 0)),
                "invalid", "maxBytes must be at least 1");
    }

    AgentMessage.Reply setConsolePassword(String password, long validUntilEpochSec) {
        return dispatcher.handle(new AgentMessage.Command("c" + ++commandCount, CommandAction.SET_CONSOLE_PASSWORD,
                uuid, null, null, null, new ConsoleSpec(password, validUntilEpochSec)));
    }

    /**
     * The test driver has no VNC ports and no updateDeviceFlags, so the change itself is only checked against a
     * real QEMU (by hand, in the lab); here: every way the command refuses before it reaches libvirt.
     */
    @Test
    void setConsolePasswordRefusals() {
        long inAMinute = System.currentTimeMillis() / 1000 + 60;
        failed(setConsolePassword("abc123", inAMinute), "not-found", "no domain with uuid " + uuid);
        failed(setConsolePassword("no way!", inAMinute), "invalid", "console password must be 1..8 letters or digits");
        failed(setConsolePassword("abc123", inAMinute - 120), "invalid", "must end in the future");
        failed(dispatcher.handle(new AgentMessage.Command("x", CommandAction.SET_CONSOLE_PASSWORD, uuid, null, null)),
                "invalid", "needs a console spec");
        ok(start(spec(128)));
        AgentMessage.Reply noPort = setConsolePassword("abc123", inAMinute);
        failed(noPort, "invalid", "domain vireo-" + uuid + " has no VNC TCP port");
        assertEquals(DomainState.RUNNING, noPort.domain().state());
        ok(run(CommandAction.POWEROFF));
        failed(setConsolePassword("abc123", inAMinute), "invalid", "is shutoff; only a running domain has a console");
    }
}
