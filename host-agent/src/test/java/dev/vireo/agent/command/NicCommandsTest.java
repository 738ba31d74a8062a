package dev.vireo.agent.command;

import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.DomainXml;
import dev.vireo.agent.libvirt.HostSettings;
import dev.vireo.agent.libvirt.LibvirtConnection;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.BootSpec;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DomainSpec;
import dev.vireo.protocol.DomainState;
import dev.vireo.protocol.NicSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ATTACH_NIC and DETACH_NIC against libvirt's test:///default driver. That driver has no device hot-plug
 * (attachDeviceFlags/detachDeviceFlags are "not supported"), which shows where a command reaches libvirt and
 * where it answers without it: a NIC already plugged, or already gone, is done without a libvirt call; bad
 * NICs never get that far. The lab's NicHotplugTest plugs into a real guest.
 */
class NicCommandsTest {
    static final NicSpec PLUGGED = new NicSpec("56:6f:00:00:00:0a", "vireobr0", "virtio", 1500);
    static final NicSpec NEW = new NicSpec("56:6f:00:00:00:0b", "ovslab", "e1000", 1500, "openvswitch", 7);

    @TempDir
    static Path tmp;
    static Path kernel;
    static LibvirtConnection libvirt;
    static CommandDispatcher dispatcher;

    final String uuid = UUID.randomUUID().toString();
    int commandCount;

    @BeforeAll
    static void connect() throws Exception {
        Path images = Files.createDirectories(tmp.resolve("images"));
        kernel = Files.writeString(images.resolve("vmlinuz"), "kernel");
        HostSettings settings = new HostSettings("test", List.of(images), Files.createDirectories(tmp.resolve("logs")),
                "0.0.0.0");
        libvirt = new LibvirtConnection("test:///default");
        DomainInventory inventory = new DomainInventory(libvirt);
        DomainXml xml = new DomainXml(settings);
        dispatcher = new CommandDispatcher(List.of(new StartDomain(libvirt, inventory, xml), new PowerOffDomain(inventory),
                new UndefineDomain(inventory), new PauseDomain(inventory), new AttachNic(inventory, xml),
                new DetachNic(inventory, xml, Duration.ofSeconds(2))), inventory);
    }

    @AfterAll
    static void disconnect() {
        libvirt.close();
    }

    @AfterEach
    void cleanUp() {
        run(CommandAction.POWEROFF, null);
        run(CommandAction.UNDEFINE, null);
    }

    AgentMessage.Reply start() {
        DomainSpec spec = new DomainSpec(uuid, "nic-vm", null, 128, 1, new BootSpec(kernel.toString(), null, null, null),
                null, null, List.of(PLUGGED));
        return dispatcher.handle(new AgentMessage.Command("c" + ++commandCount, CommandAction.START, uuid, spec, null));
    }

    AgentMessage.Reply run(CommandAction action, NicSpec nic) {
        return dispatcher.handle(new AgentMessage.Command("c" + ++commandCount, action, uuid, null, null, null, null,
                null, null, null, null, nic));
    }

    static void ok(AgentMessage.Reply reply) {
        assertTrue(reply.ok(), () -> "expected ok, got " + reply);
    }

    static void failed(AgentMessage.Reply reply, String kind, String text) {
        assertFalse(reply.ok(), () -> "expected an error, got " + reply);
        assertEquals(kind, reply.errorKind(), reply::toString);
        assertTrue(reply.error().contains(text), () -> reply.error() + " lacks " + text);
        assertFalse(reply.error().contains("\tat "), "no stack trace");
    }

    @Test
    void aNicAlreadyPluggedIsDoneAndANewOneGoesToLibvirt() {
        ok(start());
        ok(run(CommandAction.ATTACH_NIC, PLUGGED));
        ok(run(CommandAction.ATTACH_NIC, new NicSpec("56:6F:00:00:00:0A", "vireobr0", "virtio", 1500)));
        // the test driver cannot hot-plug: the command reached attachDeviceFlags and says why it failed
        AgentMessage.Reply reply = run(CommandAction.ATTACH_NIC, NEW);
        failed(reply, "libvirt", "not supported");
        assertEquals(DomainState.RUNNING, reply.domain().state());
    }

    @Test
    void aNicThatIsGoneIsUnpluggedAndAPluggedOneGoesToLibvirt() {
        ok(start());
        ok(run(CommandAction.DETACH_NIC, NEW));
        failed(run(CommandAction.DETACH_NIC, PLUGGED), "libvirt", "not supported");
    }

    @Test
    void aPausedDomainTakesTheCommandToo() {
        ok(start());
        ok(run(CommandAction.PAUSE, null));
        ok(run(CommandAction.ATTACH_NIC, PLUGGED));
        ok(run(CommandAction.DETACH_NIC, NEW));
    }

    @Test
    void onlyARunningDomainAndAGoodNicAreHotPlugged() {
        failed(run(CommandAction.ATTACH_NIC, NEW), "not-found", "no domain with uuid " + uuid);
        failed(run(CommandAction.DETACH_NIC, NEW), "not-found", "no domain with uuid " + uuid);
        ok(start());
        failed(run(CommandAction.ATTACH_NIC, null), "invalid", "nic is missing");
        failed(run(CommandAction.DETACH_NIC, null), "invalid", "nic is missing");
        failed(run(CommandAction.ATTACH_NIC, new NicSpec("56:6f:00:00:00:0c", "br0'/><x y='", "virtio", 1500)),
                "invalid", "nic bridge");
        failed(run(CommandAction.ATTACH_NIC, new NicSpec("56:6f:00:00:00:0c'/><source bridge='virbr0", "vireobr0",
                "virtio", 1500)), "invalid", "nic MAC");
        failed(run(CommandAction.DETACH_NIC, new NicSpec("56:6f:00:00:00:0a", "vireobr0", "ne2k_pci", 1500)),
                "invalid", "nic model");
        ok(run(CommandAction.POWEROFF, null));
        failed(run(CommandAction.ATTACH_NIC, NEW), "invalid", "a NIC is hot-plugged into a running domain");
        failed(run(CommandAction.DETACH_NIC, PLUGGED), "invalid", "a NIC is hot-unplugged from a running domain");
    }
}
