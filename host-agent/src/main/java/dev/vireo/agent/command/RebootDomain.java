package dev.vireo.agent.command;

import dev.vireo.agent.guest.GuestPower;
import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DomainState;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** REBOOT: ask the guest to reboot (through its guest agent when one answers, else ACPI); only a running domain can. */
public final class RebootDomain implements DomainCommand {
    private final DomainInventory inventory;

    public RebootDomain(DomainInventory inventory) {
        this.inventory = inventory;
    }

    @Override
    public CommandAction action() {
        return CommandAction.REBOOT;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String vmId) throws CommandFailure, LibvirtException {
        Domain domain = Domains.require(inventory, vmId);
        DomainState state = Domains.state(domain);
        if (state != DomainState.RUNNING) {
            throw CommandFailure.invalid(Domains.describe(domain, state) + "; only a running domain can reboot");
        }
        String how = GuestPower.reboot(domain);
        return new Outcome(DomainInventory.statusOf(domain), how);
    }
}
