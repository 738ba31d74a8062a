package dev.vireo.agent.command;

import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.InvalidSpecException;
import dev.vireo.agent.libvirt.LibvirtErrors;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DomainStatus;
import org.jboss.logging.Logger;
import org.libvirt.LibvirtException;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * Runs engine commands: picks the {@link DomainCommand} for the action, checks the VM id, runs commands for
 * the same VM one after another, and always answers with exactly one {@link AgentMessage.Reply} — never a
 * stack trace.
 */
public final class CommandDispatcher {
    private static final Logger LOG = Logger.getLogger(CommandDispatcher.class);
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int STRIPES = 64;

    private final Map<CommandAction, DomainCommand> commands = new EnumMap<>(CommandAction.class);
    private final DomainInventory inventory;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public CommandDispatcher(List<DomainCommand> commands, DomainInventory inventory) {
        for (DomainCommand command : commands) {
            if (this.commands.put(command.action(), command) != null) {
                throw new IllegalArgumentException("two commands for " + command.action());
            }
        }
        this.inventory = inventory;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    public AgentMessage.Reply handle(AgentMessage.Command command) {
        String vmId = null;
        try {
            DomainCommand handler = command.action() == null ? null : commands.get(command.action());
            if (handler == null) {
                throw CommandFailure.invalid("unsupported action " + command.action());
            }
            vmId = vmIdOf(command);
            if (command.action() == CommandAction.ABORT_JOB || command.action() == CommandAction.CONFIRM_NETWORKS) {
                // not behind the subject's lock: the job it aborts (a migration) or the setup it confirms holds
                // that lock until it ends
                Outcome outcome = handler.execute(command, vmId);
                return new AgentMessage.Reply(command.id(), null, null, outcome.domain(), outcome.text(), outcome.figures());
            }
            ReentrantLock lock = locks[Math.floorMod(vmId.toLowerCase().hashCode(), STRIPES)];
            lock.lock();
            try {
                Outcome outcome = handler.execute(command, vmId);
                return new AgentMessage.Reply(command.id(), null, null, outcome.domain(), outcome.text(), outcome.figures());
            } finally {
                lock.unlock();
            }
        } catch (CommandFailure e) {
            return failed(command, vmId, e.kind(), e.getMessage());
        } catch (InvalidSpecException e) {
            return failed(command, vmId, CommandFailure.INVALID, e.getMessage());
        } catch (LibvirtException e) {
            String kind = LibvirtErrors.isNoDomain(e) ? CommandFailure.NOT_FOUND : CommandFailure.LIBVIRT;
            return failed(command, vmId, kind, LibvirtErrors.message(e));
        } catch (RuntimeException e) {
            LOG.errorf(e, "command %s %s failed unexpectedly", command.id(), command.action());
            return failed(command, vmId, CommandFailure.INTERNAL, "agent error: " + e);
        }
    }

    /** The VM the command is about: {@code vmId}, or the spec's uuid; both must agree and be a UUID. */
    static String vmIdOf(AgentMessage.Command command) throws CommandFailure {
        String vmId = command.vmId();
        String specUuid = command.spec() == null ? null : command.spec().uuid();
        if (vmId == null || vmId.isBlank()) {
            vmId = specUuid;
        }
        if (vmId == null || vmId.isBlank()) {
            throw CommandFailure.invalid("command has no vmId");
        }
        if (!UUID.matcher(vmId).matches()) {
            throw CommandFailure.invalid("vmId is not a UUID");
        }
        if (specUuid != null && !specUuid.equalsIgnoreCase(vmId)) {
            throw CommandFailure.invalid("vmId " + vmId + " does not match the spec's uuid");
        }
        return vmId;
    }

    private AgentMessage.Reply failed(AgentMessage.Command command, String vmId, String kind, String message) {
        LOG.infof("command %s %s for %s failed (%s): %s", command.id(), command.action(), vmId, kind, message);
        return new AgentMessage.Reply(command.id(), message, kind, statusIfKnown(vmId), null);
    }

    /** The domain's status for an error reply, when it can be had cheaply; null otherwise. */
    private DomainStatus statusIfKnown(String vmId) {
        if (vmId == null) {
            return null;
        }
        try {
            return inventory.status(vmId);
        } catch (LibvirtException | RuntimeException e) {
            return null;
        }
    }
}
