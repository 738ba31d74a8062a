package dev.vireo.agent.command;

import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** ABORT_JOB: stop the domain's running job (a live migration); the guest keeps running here. */
public final class AbortJob implements DomainCommand {
    private final DomainInventory inventory;

    public AbortJob(DomainInventory inventory) {
        this.inventory = inventory;
    }

    @Override
    public CommandAction action() {
        return CommandAction.ABORT_JOB;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String vmId) throws CommandFailure, LibvirtException {
        Domain domain = Domains.require(inventory, vmId);
        domain.abortJob();
        return Outcome.of(DomainInventory.statusOf(domain));
    }
}
