package dev.vireo.agent.command;

import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.SerialLog;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DomainSpec;
import dev.vireo.protocol.DomainStatus;
import org.libvirt.LibvirtException;

import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * READ_SERIAL_LOG: the last {@code maxBytes} (default 64 KiB, at most 1 MiB) of the domain's serial log as
 * UTF-8 text. Works from the file alone, so it also answers while libvirt is away (then without a status).
 */
public final class ReadSerialLog implements DomainCommand {
    private final SerialLog serialLog;
    private final DomainInventory inventory;

    public ReadSerialLog(SerialLog serialLog, DomainInventory inventory) {
        this.serialLog = serialLog;
        this.inventory = inventory;
    }

    @Override
    public CommandAction action() {
        return CommandAction.READ_SERIAL_LOG;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String vmId) throws CommandFailure {
        Integer requested = command.maxBytes();
        if (requested != null && requested < 1) {
            throw CommandFailure.invalid("maxBytes must be at least 1, not " + requested);
        }
        int maxBytes = requested == null ? SerialLog.DEFAULT_MAX_BYTES : Math.min(requested, SerialLog.MAX_BYTES_CAP);
        String domainName = DomainSpec.domainNameFor(vmId);
        String text;
        try {
            text = serialLog.tail(domainName, maxBytes);
        } catch (NoSuchFileException e) {
            throw CommandFailure.notFound("no serial log " + serialLog.pathOf(domainName)
                    + " (the domain has not run on this host)");
        } catch (IOException e) {
            throw new CommandFailure(CommandFailure.INTERNAL, "cannot read " + serialLog.pathOf(domainName) + ": " + e);
        }
        return new Outcome(statusIfKnown(vmId), text);
    }

    private DomainStatus statusIfKnown(String vmId) {
        try {
            return inventory.status(vmId);
        } catch (LibvirtException e) {
            return null;
        }
    }
}
