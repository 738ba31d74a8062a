package dev.vireo.agent;

import dev.vireo.agent.command.CommandDispatcher;
import dev.vireo.agent.engine.AgentHost;
import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.HostFactsCollector;
import dev.vireo.agent.libvirt.LibvirtConnection;
import dev.vireo.agent.libvirt.LibvirtErrors;
import dev.vireo.agent.network.HostNicReader;
import dev.vireo.agent.network.NetworkNotices;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.DomainStatus;
import dev.vireo.protocol.HostFacts;
import org.libvirt.LibvirtException;

import java.util.List;
import dev.vireo.agent.command.ProgressSink;

import java.util.function.Consumer;

/** The engine link's view of this host, answered by libvirt. */
public final class LibvirtAgentHost implements AgentHost {
    private final LibvirtConnection libvirt;
    private final HostFactsCollector facts;
    private final DomainInventory inventory;
    private final CommandDispatcher dispatcher;
    private ProgressSink progress;
    private HostNicReader nics;
    private NetworkNotices notices;

    public LibvirtAgentHost(LibvirtConnection libvirt, HostFactsCollector facts, DomainInventory inventory,
                            CommandDispatcher dispatcher) {
        this.libvirt = libvirt;
        this.facts = facts;
        this.inventory = inventory;
        this.dispatcher = dispatcher;
    }

    /** Where long commands (migrations) report progress; without it they report nowhere. */
    private dev.vireo.agent.guest.GuestAgentProbe guestProbe;

    public LibvirtAgentHost withProgress(ProgressSink progress) {
        this.progress = progress;
        return this;
    }

    /** Forwards what running guests' agents say. */
    public LibvirtAgentHost withGuestProbe(dev.vireo.agent.guest.GuestAgentProbe probe) {
        this.guestProbe = probe;
        return this;
    }

    @Override
    public void onGuestReport(Consumer<AgentMessage.GuestReport> listener) {
        if (guestProbe != null) {
            guestProbe.listen(listener);
        }
    }

    @Override
    public void onProgress(Consumer<AgentMessage.Progress> listener) {
        if (progress != null) {
            progress.listen(listener);
        }
    }

    @Override
    public HostFacts facts() throws Exception {
        try {
            HostFacts f = facts.collect();
            return nics == null ? f : f.withNics(nics.read());
        } catch (LibvirtException e) {
            throw new IllegalStateException("host facts unavailable: " + LibvirtErrors.message(e), e);
        }
    }

    @Override
    public List<DomainStatus> domains() throws Exception {
        try {
            return inventory.list();
        } catch (LibvirtException e) {
            throw new IllegalStateException("domain list unavailable: " + LibvirtErrors.message(e), e);
        }
    }

    @Override
    public AgentMessage.Heartbeat heartbeat() {
        int running;
        long free;
        try {
            running = inventory.runningCount();
            free = facts.freeMemoryMiB();
        } catch (LibvirtException e) {
            running = -1;
            free = -1;
        }
        return new AgentMessage.Heartbeat(System.currentTimeMillis(), running, free);
    }

    @Override
    public AgentMessage.Reply handle(AgentMessage.Command command) {
        return dispatcher.handle(command);
    }

    /** Reports the host's NICs (with facts and every state report) and the network news kept for the engine. */
    public LibvirtAgentHost withNetwork(HostNicReader nics, NetworkNotices notices) {
        this.nics = nics;
        this.notices = notices;
        return this;
    }

    @Override
    public List<AgentMessage> extraReports() {
        List<AgentMessage> out = new java.util.ArrayList<>();
        if (nics != null) {
            out.add(new AgentMessage.HostNics(nics.read()));
        }
        if (notices != null) {
            out.addAll(notices.drain());
        }
        return out;
    }

    @Override
    public void onLifecycle(Consumer<AgentMessage.Lifecycle> listener) {
        libvirt.addLifecycleListener(listener);
    }
}
