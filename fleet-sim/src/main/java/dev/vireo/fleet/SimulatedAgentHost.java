package dev.vireo.fleet;

import dev.vireo.agent.LibvirtAgentHost;
import dev.vireo.agent.engine.AgentHost;
import dev.vireo.agent.libvirt.LibvirtConnection;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.DomainStatus;
import dev.vireo.protocol.HostFacts;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

import java.util.List;
import java.util.function.Consumer;

/**
 * The agent's {@link LibvirtAgentHost} with one difference, in the heartbeat: libvirt's test driver keeps no
 * NUMA cells for a node read from a file, so its free-memory call fails there, and the agent would send
 * {@code runningDomains = freeMemoryMiB = -1} ("libvirt unreachable") in every heartbeat. Here the free memory
 * is what a hypervisor would roughly show: the node's memory less that of its active domains. Facts, state
 * reports, commands and lifecycle events are the agent's own.
 */
final class SimulatedAgentHost implements AgentHost {
    /** VIR_CONNECT_LIST_DOMAINS_ACTIVE */
    private static final int ACTIVE = 1;

    private final LibvirtAgentHost agent;
    private final LibvirtConnection libvirt;
    private final long memoryMiB;

    SimulatedAgentHost(LibvirtAgentHost agent, LibvirtConnection libvirt, long memoryMiB) {
        this.agent = agent;
        this.libvirt = libvirt;
        this.memoryMiB = memoryMiB;
    }

    @Override
    public HostFacts facts() throws Exception {
        return agent.facts();
    }

    @Override
    public List<DomainStatus> domains() throws Exception {
        return agent.domains();
    }

    @Override
    public AgentMessage.Heartbeat heartbeat() {
        int running = 0;
        long usedKiB = 0;
        try {
            Connect connect = libvirt.get();
            for (Domain domain : connect.listAllDomains(ACTIVE)) {
                try {
                    usedKiB += domain.getInfo().memory;
                    running++;
                } catch (LibvirtException e) {
                    // gone while we looked
                } finally {
                    domain.free();
                }
            }
        } catch (LibvirtException | IllegalStateException e) {
            return new AgentMessage.Heartbeat(System.currentTimeMillis(), -1, -1);
        }
        return new AgentMessage.Heartbeat(System.currentTimeMillis(), running, Math.max(0, memoryMiB - usedKiB / 1024));
    }

    @Override
    public AgentMessage.Reply handle(AgentMessage.Command command) {
        return agent.handle(command);
    }

    @Override
    public void onLifecycle(Consumer<AgentMessage.Lifecycle> listener) {
        agent.onLifecycle(listener);
    }
}
