package dev.vireo.engine.vms.actions;

import dev.vireo.engine.agents.AgentCommands;
import dev.vireo.engine.agents.AgentUnavailableException;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.hosts.Host;
import dev.vireo.engine.vms.Vm;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DomainSpec;
import dev.vireo.protocol.VolumeSpec;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** What every VM action needs: locking a VM, talking to its host's agent, and a thread pool for the waiting. */
@ApplicationScoped
public class ActionSupport {

    @Inject
    AgentCommands commands;

    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4, r -> {
        Thread t = new Thread(r, "vm-actions");
        t.setDaemon(true);
        return t;
    });

    public ScheduledExecutorService executor() {
        return executor;
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }

    /** Must run inside a transaction. */
    public Vm lock(UUID vmId) {
        Vm vm = Vm.findById(vmId, LockModeType.PESSIMISTIC_WRITE);
        if (vm == null) {
            throw ApiException.notFound("VM", vmId);
        }
        return vm;
    }

    public static void requireStatus(Vm vm, String verb, Set<?> allowed) {
        if (!allowed.contains(vm.status)) {
            throw ApiException.conflict("VM " + vm.name + " is " + vm.status + "; it can be " + verb
                    + " only when " + allowed.stream().map(Object::toString).sorted().toList());
        }
    }

    public static String hostName(UUID hostId) {
        Host h = hostId == null ? null : Host.findById(hostId);
        return h == null ? String.valueOf(hostId) : h.name;
    }

    /** Sends a command; an agent that is not connected gives a failed future, not an exception. */
    public CompletableFuture<AgentMessage.Reply> send(UUID hostId, CommandAction action, UUID vmId, DomainSpec spec,
                                                      Duration timeout) {
        try {
            return commands.send(hostId, action, vmId, spec, null, timeout);
        } catch (AgentUnavailableException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A volume or save command; an agent that is not connected gives a failed future. */
    public CompletableFuture<AgentMessage.Reply> sendVolume(UUID hostId, CommandAction action, UUID subject,
                                                            VolumeSpec volume, Duration timeout) {
        try {
            return commands.send(hostId, action, subject, volume, timeout);
        } catch (AgentUnavailableException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Must run inside a transaction; see {@link DomainSpecs}. */
    public static DomainSpec specOf(Vm vm) {
        return DomainSpecs.of(vm);
    }

    /** The reply's error, or the transport failure, as one line for jobs and events. */
    public static String failure(AgentMessage.Reply reply, Throwable error) {
        if (error != null) {
            return AgentCommands.describe(error);
        }
        return reply.error();
    }
}
