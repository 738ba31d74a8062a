package dev.vireo.agent.command;

import dev.vireo.agent.cloudinit.CidataVolume;
import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.DomainStates;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DomainState;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

import java.util.Optional;

/**
 * UNDEFINE: remove the domain's definition (with its managed-save image and snapshot metadata). A domain
 * that is not defined is fine; an active one is refused — power it off first.
 */
public final class UndefineDomain implements DomainCommand {
    /** VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA */
    static final int UNDEFINE_FLAGS = 1 | 2;

    private final DomainInventory inventory;
    private final CidataVolume cidata;

    public UndefineDomain(DomainInventory inventory) {
        this(inventory, null);
    }

    /** Also removes the domain's cloud-init volume. */
    public UndefineDomain(DomainInventory inventory, CidataVolume cidata) {
        this.inventory = inventory;
        this.cidata = cidata;
    }

    @Override
    public CommandAction action() {
        return CommandAction.UNDEFINE;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String vmId) throws CommandFailure, LibvirtException {
        Optional<Domain> found = inventory.find(vmId);
        if (found.isEmpty()) {
            return Outcome.of(DomainInventory.undefined(vmId));
        }
        Domain domain = found.get();
        DomainState state = Domains.state(domain);
        if (DomainStates.isActive(state)) {
            throw CommandFailure.invalid(Domains.describe(domain, state) + "; power it off before undefining it");
        }
        domain.undefine(UNDEFINE_FLAGS);
        if (cidata != null) {
            cidata.remove(domain.getName());
        }
        return Outcome.of(DomainInventory.undefined(vmId));
    }
}
