package dev.vireo.agent.command;

import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.DomainStates;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DomainState;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** PAUSE: suspend the vCPUs of a running domain; a paused one stays paused. */
public final class PauseDomain implements DomainCommand {
    private final DomainInventory inventory;

    public PauseDomain(DomainInventory inventory) {
        this.inventory = inventory;
    }

    @Override
    public CommandAction action() {
        return CommandAction.PAUSE;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String vmId) throws CommandFailure, LibvirtException {
        Domain domain = Domains.require(inventory, vmId);
        DomainState state = Domains.state(domain);
        if (state == DomainState.PAUSED) {
            return Outcome.of(DomainInventory.statusOf(domain));
        }
        if (!DomainStates.isActive(state)) {
            throw CommandFailure.invalid(Domains.describe(domain, state) + "; only a running domain can pause");
        }
        domain.suspend();
        return Outcome.of(DomainInventory.statusOf(domain));
    }
}
