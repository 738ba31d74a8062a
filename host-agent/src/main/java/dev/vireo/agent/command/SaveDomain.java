package dev.vireo.agent.command;

import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.DomainStates;
import dev.vireo.agent.storage.VolumePaths;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * SAVE_DOMAIN: writes the running guest's memory and device state to a file in a storage domain and
 * stops it (QEMU's save); a later START naming the file resumes the guest where it was, on any host that
 * sees the file.
 */
public final class SaveDomain implements DomainCommand {
    private final DomainInventory inventory;
    private final VolumePaths paths;

    public SaveDomain(DomainInventory inventory, VolumePaths paths) {
        this.inventory = inventory;
        this.paths = paths;
    }

    @Override
    public CommandAction action() {
        return CommandAction.SAVE_DOMAIN;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String vmId) throws CommandFailure, LibvirtException {
        if (command.volume() == null) {
            throw CommandFailure.invalid("SAVE_DOMAIN needs the file to save to");
        }
        Path file = paths.target(command.volume().path());
        if (!file.getFileName().toString().endsWith(".save")) {
            throw CommandFailure.invalid("a saved state's file is named <uuid>.save");
        }
        Domain domain = inventory.find(vmId).orElseThrow(() -> CommandFailure.notFound("no domain for VM " + vmId));
        if (!DomainStates.isActive(Domains.state(domain))) {
            throw CommandFailure.invalid("the domain does not run, so there is nothing to save");
        }
        if (Files.exists(file)) {
            throw CommandFailure.invalid("a saved state " + file + " exists already");
        }
        domain.save(file.toString());
        return Outcome.of(DomainInventory.statusOf(domain));
    }
}
