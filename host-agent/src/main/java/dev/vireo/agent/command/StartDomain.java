package dev.vireo.agent.command;

import dev.vireo.agent.cloudinit.CidataVolume;
import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.DomainStates;
import dev.vireo.agent.libvirt.DomainXml;
import dev.vireo.agent.libvirt.InvalidSpecException;
import dev.vireo.agent.libvirt.LibvirtConnection;
import dev.vireo.agent.storage.VolumePaths;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * START: define the domain from the spec (replacing the definition of a shut-off domain with the same
 * uuid) and start it, or resume it from a saved state when the spec names one. A domain that is already active is left alone and reported (idempotent).
 */
public final class StartDomain implements DomainCommand {
    private final LibvirtConnection libvirt;
    private final DomainInventory inventory;
    private final DomainXml domainXml;
    private final VolumePaths paths;
    private final CidataVolume cidata;

    /** Without saved-state directories: every restore is refused. */
    public StartDomain(LibvirtConnection libvirt, DomainInventory inventory, DomainXml domainXml) {
        this(libvirt, inventory, domainXml, new VolumePaths(List.of()));
    }

    public StartDomain(LibvirtConnection libvirt, DomainInventory inventory, DomainXml domainXml, VolumePaths paths) {
        this.libvirt = libvirt;
        this.inventory = inventory;
        this.domainXml = domainXml;
        this.paths = paths;
        this.cidata = new CidataVolume(domainXml.settings());
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
        cidata.write(command.spec());   // after the spec passed validation: the XML names this volume
        Domain domain = libvirt.get().domainDefineXML(xml);
        if (command.spec().restoreFrom() == null) {
            domain.create();
            return Outcome.of(DomainInventory.statusOf(domain));
        }
        // resume a saved guest into the definition just made; the file is spent once the guest runs on
        Path saved = paths.existing("saved state", command.spec().restoreFrom());
        libvirt.get().restore(saved.toString());
        Outcome outcome = Outcome.of(DomainInventory.statusOf(inventory.find(vmId).orElse(domain)));
        try {
            Files.deleteIfExists(saved);
        } catch (IOException e) {
            // harmless: the engine no longer points at it
        }
        return outcome;
    }
}
