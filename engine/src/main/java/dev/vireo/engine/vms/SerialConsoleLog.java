package dev.vireo.engine.vms;

import dev.vireo.engine.agents.AgentCommands;
import dev.vireo.engine.agents.AgentUnavailableException;
import dev.vireo.engine.api.ApiException;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Fetches the tail of a VM's serial console output from the host it runs (or last ran) on. */
@ApplicationScoped
public class SerialConsoleLog {
    public static final int DEFAULT_BYTES = 64 * 1024;
    public static final int MAX_BYTES = 1024 * 1024;

    @Inject
    AgentCommands commands;

    public String tail(UUID vmId, Integer bytes) {
        int max = bytes == null ? DEFAULT_BYTES : bytes;
        if (max < 1 || max > MAX_BYTES) {
            throw ApiException.invalid("bytes must be between 1 and " + MAX_BYTES);
        }
        UUID hostId = QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = Vm.findById(vmId);
            if (vm == null) {
                throw ApiException.notFound("VM", vmId);
            }
            if (vm.hostId == null && vm.lastHostId == null) {
                throw ApiException.conflict("VM " + vm.name + " has never run, so it has no console output");
            }
            return vm.hostId != null ? vm.hostId : vm.lastHostId;
        });
        try {
            AgentMessage.Reply reply = commands.send(hostId, CommandAction.READ_SERIAL_LOG, vmId, null, max,
                    Duration.ofSeconds(15)).get(20, TimeUnit.SECONDS);
            if (!reply.ok()) {
                throw new ApiException("not-found".equals(reply.errorKind()) ? 404 : 409, "Console log unavailable",
                        reply.error());
            }
            return reply.text() == null ? "" : reply.text();
        } catch (AgentUnavailableException e) {
            throw ApiException.conflict("the VM's host is not connected: " + e.getMessage());
        } catch (ExecutionException | TimeoutException e) {
            throw ApiException.conflict("reading the console log failed: " + AgentCommands.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted");
        }
    }
}
