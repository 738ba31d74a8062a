package dev.vireo.fleet;

import dev.vireo.agent.LibvirtAgentHost;
import dev.vireo.agent.command.CommandDispatcher;
import dev.vireo.agent.command.PauseDomain;
import dev.vireo.agent.command.PowerOffDomain;
import dev.vireo.agent.command.ReadSerialLog;
import dev.vireo.agent.command.RebootDomain;
import dev.vireo.agent.command.ResumeDomain;
import dev.vireo.agent.command.ShutdownDomain;
import dev.vireo.agent.command.StartDomain;
import dev.vireo.agent.command.UndefineDomain;
import dev.vireo.agent.engine.AgentHost;
import dev.vireo.agent.engine.EngineLink;
import dev.vireo.agent.engine.EngineSettings;
import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.DomainXml;
import dev.vireo.agent.libvirt.HostFactsCollector;
import dev.vireo.agent.libvirt.HostSettings;
import dev.vireo.agent.libvirt.LibvirtConnection;
import dev.vireo.agent.libvirt.SerialLog;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One simulated hypervisor host: its own libvirt test-driver connection on its own node XML, and the agent's
 * real parts on top, wired as {@code AgentBeans} wires them (facts, inventory, the command classes, the
 * engine link) with the host name, domain type {@code test} and the fleet's image dir.
 */
final class SimulatedHost implements AutoCloseable {
    static final String AGENT_VERSION = "fleet-sim";

    private final String name;
    private final String libvirtUri;
    private final LibvirtConnection libvirt;
    private final EngineLink link;

    /** Shared pools: {@code workers} and {@code timers} null means the link makes its own (the standalone wiring). */
    SimulatedHost(FleetOptions options, int index, HttpClient http, ExecutorService workers,
                  ScheduledExecutorService timers) throws IOException {
        this.name = options.hostName(index);
        Path dir = options.stateDir().resolve("hosts").resolve(name);
        List<NodeXml.Preloaded> preloaded = new ArrayList<>();
        for (int v = 0; v < options.preloadVms(); v++) {
            preloaded.add(new NodeXml.Preloaded(options.preloadedVmId(index, v), name + "-vm" + v, 5900 + v));
        }
        this.libvirtUri = NodeXml.write(dir.resolve("node.xml"), options.memoryMiB(), options.cpus(), options.cpuModel(),
                preloaded);
        HostSettings settings = new HostSettings("test", List.of(options.imageDir()), dir.resolve("serial"), "127.0.0.1");
        this.libvirt = new LibvirtConnection(libvirtUri);
        DomainInventory inventory = new DomainInventory(libvirt);
        HostFactsCollector facts = new HostFactsCollector(libvirt, settings, Optional.of(name), AGENT_VERSION);
        CommandDispatcher dispatcher = new CommandDispatcher(List.of(
                new StartDomain(libvirt, inventory, new DomainXml(settings)),
                new ShutdownDomain(inventory),
                new PowerOffDomain(inventory),
                new RebootDomain(inventory),
                new PauseDomain(inventory),
                new ResumeDomain(inventory),
                new UndefineDomain(inventory),
                new ReadSerialLog(new SerialLog(settings), inventory)), inventory);
        AgentHost host = new SimulatedAgentHost(new LibvirtAgentHost(libvirt, facts, inventory, dispatcher), libvirt,
                options.memoryMiB());
        EngineSettings engine = new EngineSettings(options.engineUrl(), options.enrollmentToken(), dir,
                options.heartbeatInterval(), options.reportInterval());
        this.link = workers == null
                ? new EngineLink(engine, host, http, options.commandThreads())
                : new EngineLink(engine, host, http, workers, timers);
    }

    String name() {
        return name;
    }

    String libvirtUri() {
        return libvirtUri;
    }

    /** Dials the engine (enrolling first when there is no credential); the link's thread keeps it connected. */
    void start() {
        link.start();
    }

    boolean connected() {
        return link.connected();
    }

    /** Closes the websocket politely; the libvirt connection stays until {@link #close()}. */
    void stop() {
        link.stop();
    }

    @Override
    public void close() {
        link.stop();
        libvirt.close();
    }
}
