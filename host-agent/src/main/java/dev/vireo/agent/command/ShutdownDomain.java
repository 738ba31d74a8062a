package dev.vireo.agent.command;

import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.DomainStates;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DomainState;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * SHUTDOWN: ask the guest to shut down (ACPI) and return at once; the engine waits and may follow with
 * POWEROFF. A domain that is not active is reported as it is.
 */
public final class ShutdownDomain implements DomainCommand {
    private final DomainInventory inventory;

    public ShutdownDomain(DomainInventory inventory) {
        this.inventory = inventory;
    }

    @Override
    public CommandAction action() {
        return CommandAction.SHUTDOWN;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String vmId) throws CommandFailure, LibvirtException {
        Domain domain = Domains.require(inventory, vmId);
        DomainState state = Domains.state(domain);
        if (DomainStates.isActive(state)) {
            domain.shutdown();
        }
        return Outcome.of(DomainInventory.statusOf(domain));
    }
}
