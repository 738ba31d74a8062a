package dev.vireo.agent.command;

import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.DomainStates;
import dev.vireo.protocol.DomainState;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** Lookups the command classes share. */
final class Domains {
    private Domains() {
    }

    static Domain require(DomainInventory inventory, String vmId) throws CommandFailure, LibvirtException {
        return inventory.find(vmId)
                .orElseThrow(() -> CommandFailure.notFound("no domain with uuid " + vmId + " on this host"));
    }

    static DomainState state(Domain domain) throws LibvirtException {
        return DomainStates.of(domain.getInfo().state);
    }

    static String describe(Domain domain, DomainState state) throws LibvirtException {
        return "domain " + domain.getName() + " is " + state.name().toLowerCase().replace('_', ' ');
    }
}
