package dev.vireo.agent.command;

import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.DomainStates;
import dev.vireo.agent.libvirt.DomainXml;
import dev.vireo.agent.libvirt.InvalidSpecException;
import dev.vireo.agent.libvirt.LibvirtConnection;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

import java.util.Optional;

/**
 * START: define the domain from the spec (replacing the definition of a shut-off domain with the same
 * uuid) and start it. A domain that is already active is left alone and reported (idempotent).
 */
public final class StartDomain implements DomainCommand {
    private final LibvirtConnection libvirt;
    private final DomainInventory inventory;
    private final DomainXml domainXml;

    public StartDomain(LibvirtConnection libvirt, DomainInventory inventory, DomainXml domainXml) {
        this.libvirt = libvirt;
        this.inventory = inventory;
        this.domainXml = domainXml;
    }

    @Override
    public CommandAction action() {
        return CommandAction.START;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String vmId)
            throws CommandFailure, InvalidSpecException, LibvirtException {
        if (command.spec() == null) {
            throw CommandFailure.invalid("START needs a domain spec");
        }
        Optional<Domain> existing = inventory.find(vmId);
        if (existing.isPresent() && DomainStates.isActive(Domains.state(existing.get()))) {
            return Outcome.of(DomainInventory.statusOf(existing.get()));
        }
        String xml = domainXml.render(command.spec());
        Domain domain = libvirt.get().domainDefineXML(xml);
        domain.create();
        return Outcome.of(DomainInventory.statusOf(domain));
    }
}
