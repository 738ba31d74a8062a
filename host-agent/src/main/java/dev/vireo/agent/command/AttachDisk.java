package dev.vireo.agent.command;

import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.DomainStates;
import dev.vireo.agent.libvirt.DomainXml;
import dev.vireo.agent.libvirt.InvalidSpecException;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DomainState;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * ATTACH_DISK: hot-plugs a disk into the running domain, live and (for a persistent domain) in its definition,
 * so a reboot by the guest keeps it. The device XML comes from {@link DomainXml}, which checks the path (inside
 * the image directories) and the target (vdb … vdz). A stopped VM needs no command: its next start defines
 * the domain with all its disks.
 */
public final class AttachDisk implements DomainCommand {
    private final DomainInventory inventory;
    private final DomainXml xml;

    public AttachDisk(DomainInventory inventory, DomainXml xml) {
        this.inventory = inventory;
        this.xml = xml;
    }

    @Override
    public CommandAction action() {
        return CommandAction.ATTACH_DISK;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String vmId)
            throws CommandFailure, InvalidSpecException, LibvirtException {
        String device = xml.diskDevice(command.disk());
        Domain domain = Domains.require(inventory, vmId);
        DomainState state = Domains.state(domain);
        if (!DomainStates.isActive(state)) {
            throw CommandFailure.invalid(Domains.describe(domain, state) + "; a disk is hot-plugged into a running domain");
        }
        if (LiveDisks.targets(domain).contains(command.disk().target())) {
            throw CommandFailure.invalid("the domain has a disk " + command.disk().target() + " already");
        }
        domain.attachDeviceFlags(device, LiveDisks.flags(domain));
        return Outcome.of(DomainInventory.statusOf(domain));
    }
}
