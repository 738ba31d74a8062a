package dev.vireo.agent.command;

import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.DomainStates;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DomainState;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** RESUME: let a paused domain run again; a running one keeps running. */
public final class ResumeDomain implements DomainCommand {
    private final DomainInventory inventory;

    public ResumeDomain(DomainInventory inventory) {
        this.inventory = inventory;
    }

    @Override
    public CommandAction action() {
        return CommandAction.RESUME;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String vmId) throws CommandFailure, LibvirtException {
        Domain domain = Domains.require(inventory, vmId);
        DomainState state = Domains.state(domain);
        if (state == DomainState.RUNNING) {
            return Outcome.of(DomainInventory.statusOf(domain));
        }
        if (state != DomainState.PAUSED) {
            throw CommandFailure.invalid(Domains.describe(domain, state) + "; only a paused domain can resume");
        }
        domain.resume();
        return Outcome.of(DomainInventory.statusOf(domain));
    }
}
