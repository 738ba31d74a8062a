package dev.vireo.agent.command;

import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.DomainStates;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DomainState;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** POWEROFF: pull the plug (destroy). A domain that is already off is fine. */
public final class PowerOffDomain implements DomainCommand {
    private final DomainInventory inventory;

    public PowerOffDomain(DomainInventory inventory) {
        this.inventory = inventory;
    }

    @Override
    public CommandAction action() {
        return CommandAction.POWEROFF;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String vmId) throws CommandFailure, LibvirtException {
        Domain domain = Domains.require(inventory, vmId);
        DomainState state = Domains.state(domain);
        if (DomainStates.isActive(state)) {
            domain.destroy();
        }
        return Outcome.of(DomainInventory.statusOf(domain));
    }
}
