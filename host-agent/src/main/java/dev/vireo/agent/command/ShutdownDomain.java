package dev.vireo.agent.command;

import dev.vireo.agent.guest.GuestPower;
import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.DomainStates;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DomainState;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * SHUTDOWN: ask the guest to shut down (through its guest agent when one answers, else ACPI) and return at once,
 * saying how in the reply's text; the engine waits and may follow with POWEROFF. A domain that is not active is
 * reported as it is.
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
        String how = null;
        if (DomainStates.isActive(state)) {
            how = GuestPower.shutdown(domain);
        }
        return new Outcome(DomainInventory.statusOf(domain), how);
    }
}
