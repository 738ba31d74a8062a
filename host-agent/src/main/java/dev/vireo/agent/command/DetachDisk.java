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

import java.time.Duration;

/**
 * DETACH_DISK: asks the running guest to release a disk (PCI hot-unplug) and waits until libvirt's live
 * definition no longer has it: libvirt returns once the request is sent, and a guest that ignores it keeps the
 * disk, which must not then be handed to another VM. A disk that is not there is already detached.
 */
public final class DetachDisk implements DomainCommand {
    private final DomainInventory inventory;
    private final DomainXml xml;
    private final Duration wait;

    public DetachDisk(DomainInventory inventory, DomainXml xml, Duration wait) {
        this.inventory = inventory;
        this.xml = xml;
        this.wait = wait;
    }

    @Override
    public CommandAction action() {
        return CommandAction.DETACH_DISK;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String vmId)
            throws CommandFailure, InvalidSpecException, LibvirtException {
        String device = xml.diskDevice(command.disk());
        Domain domain = Domains.require(inventory, vmId);
        DomainState state = Domains.state(domain);
        if (!DomainStates.isActive(state)) {
            throw CommandFailure.invalid(Domains.describe(domain, state) + "; a disk is hot-unplugged from a running domain");
        }
        String target = command.disk().target();
        if (!LiveDisks.targets(domain).contains(target)) {
            return Outcome.of(DomainInventory.statusOf(domain));
        }
        domain.detachDeviceFlags(device, LiveDisks.flags(domain));
        Released.await(() -> LiveDisks.targets(domain).contains(target), wait, "the guest has not released " + target + " within "
                + wait.toSeconds() + " s; it stays attached until the guest lets it go");
        return Outcome.of(DomainInventory.statusOf(domain));
    }
}
