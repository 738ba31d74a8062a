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

import java.util.Locale;

/**
 * ATTACH_NIC: hot-plugs a NIC into the running (or paused) domain, live and (for a persistent domain) in its
 * definition, so a reboot by the guest keeps it. The {@code <interface>} XML comes from {@link DomainXml}, the
 * same as a started domain's NICs (checked: MAC, bridge name, model, MTU, OVS port and VLAN). MACs come from
 * the engine's pool, so a NIC with this MAC on the domain already is this NIC: plugged, done (a repeated
 * command). A stopped VM needs no command: its next start defines the domain with all its NICs.
 */
public final class AttachNic implements DomainCommand {
    private final DomainInventory inventory;
    private final DomainXml xml;

    public AttachNic(DomainInventory inventory, DomainXml xml) {
        this.inventory = inventory;
        this.xml = xml;
    }

    @Override
    public CommandAction action() {
        return CommandAction.ATTACH_NIC;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String vmId)
            throws CommandFailure, InvalidSpecException, LibvirtException {
        String device = xml.nicDevice(command.nic());
        Domain domain = Domains.require(inventory, vmId);
        DomainState state = Domains.state(domain);
        if (!DomainStates.isActive(state)) {
            throw CommandFailure.invalid(Domains.describe(domain, state) + "; a NIC is hot-plugged into a running domain");
        }
        if (!LiveNics.macs(domain).contains(command.nic().mac().toLowerCase(Locale.ROOT))) {
            domain.attachDeviceFlags(device, LiveDisks.flags(domain));
        }
        return Outcome.of(DomainInventory.statusOf(domain));
    }
}
