package dev.vireo.agent.command;

import dev.vireo.agent.libvirt.InvalidSpecException;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import org.libvirt.LibvirtException;

/**
 * One engine command, one class. The {@link CommandDispatcher} picks the implementation by
 * {@link #action()}, checks the VM id, serializes commands per VM and turns the outcome or the exception
 * into exactly one reply.
 */
public interface DomainCommand {

    CommandAction action();

    /**
     * @param vmId the domain's UUID, already checked to be one
     * @return the domain after the command (and text output, if any)
     */
    Outcome execute(AgentMessage.Command command, String vmId)
            throws CommandFailure, InvalidSpecException, LibvirtException;
}
