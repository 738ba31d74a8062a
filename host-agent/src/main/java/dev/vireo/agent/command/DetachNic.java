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
import java.util.Locale;

/**
 * DETACH_NIC: asks the running guest to release a NIC (PCI hot-unplug; libvirt finds it by its MAC) and waits
 * until libvirt's live definition no longer has it: libvirt may return before the guest let go, and a NIC the
 * guest still holds must not have its MAC handed to another VM. A NIC that is not there is already unplugged.
 */
public final class DetachNic implements DomainCommand {
    private final DomainInventory inventory;
    private final DomainXml xml;
    private final Duration wait;

    public DetachNic(DomainInventory inventory, DomainXml xml, Duration wait) {
        this.inventory = inventory;
        this.xml = xml;
        this.wait = wait;
    }

    @Override
    public CommandAction action() {
        return CommandAction.DETACH_NIC;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String vmId)
            throws CommandFailure, InvalidSpecException, LibvirtException {
        String device = xml.nicDevice(command.nic());
        Domain domain = Domains.require(inventory, vmId);
        DomainState state = Domains.state(domain);
        if (!DomainStates.isActive(state)) {
            throw CommandFailure.invalid(Domains.describe(domain, state) + "; a NIC is hot-unplugged from a running domain");
        }
        String mac = command.nic().mac().toLowerCase(Locale.ROOT);
        if (!LiveNics.macs(domain).contains(mac)) {
            return Outcome.of(DomainInventory.statusOf(domain));
        }
        domain.detachDeviceFlags(device, LiveDisks.flags(domain));
        Released.await(() -> LiveNics.macs(domain).contains(mac), wait, "the guest has not released NIC " + mac + " within "
                + wait.toSeconds() + " s; it stays plugged until the guest lets it go");
        return Outcome.of(DomainInventory.statusOf(domain));
    }
}
