package dev.vireo.engine.console;

import dev.vireo.engine.access.Caller;
import dev.vireo.engine.access.Role;
import dev.vireo.engine.access.VmAccess;
import dev.vireo.engine.agents.AgentCommands;
import dev.vireo.engine.agents.AgentSessions;
import dev.vireo.engine.agents.AgentUnavailableException;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.ConsoleSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Issues and redeems console tickets. A ticket is random, single use, short-lived and held only in
 * this engine's memory (an engine restart voids them all, which costs a user one click). Issuing one
 * sets a fresh VNC password with the same expiry on the VM's display through its host's agent.
 */
@ApplicationScoped
public class ConsoleTickets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    @Inject
    VmAccess access;
    @Inject
    AgentCommands commands;
    @Inject
    AgentSessions sessions;
    @Inject
    EventLog events;
    @ConfigProperty(name = "vireo.console.ticket-lifetime", defaultValue = "120s")
    Duration lifetime;

    private final Map<String, ConsoleTicket> open = new ConcurrentHashMap<>();
    Clock clock = Clock.systemUTC();

    /** A ticket for the caller's console on the VM, which must run; 404/403 as for any VM action. */
    public ConsoleTicket issue(Caller caller, UUID vmId) {
        access.require(caller, vmId, Role.USER);
        forgetExpired();
        record Target(String name, UUID hostId) {
        }
        Target target = QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = Vm.findById(vmId);
            if (vm == null) {
                throw ApiException.notFound("VM", vmId);
            }
            if ((vm.status != VmStatus.RUNNING && vm.status != VmStatus.PAUSED) || vm.hostId == null) {
                throw ApiException.conflict("VM " + vm.name + " is " + vm.status + "; its console opens while it runs");
            }
            return new Target(vm.name, vm.hostId);
        });
        String address = sessions.address(target.hostId())
                .orElseThrow(() -> ApiException.conflict("the host of VM " + target.name() + " is not connected"));
        Instant expires = clock.instant().plus(lifetime);
        String password = random(8);
        AgentMessage.Reply reply = await(commands, target.hostId(), vmId,
                new ConsoleSpec(password, expires.getEpochSecond()));
        Long port = reply.figures() == null ? null : reply.figures().get("vnc_port");
        if (port == null || port <= 0) {
            throw ApiException.conflict("the host did not say where VM " + target.name() + "'s display listens");
        }
        ConsoleTicket ticket = new ConsoleTicket(random(32), vmId, target.name(), caller.name(), target.hostId(),
                address, port.intValue(), password, expires);
        open.put(ticket.id(), ticket);
        events.info(caller.name(), "vm.console", "vm", vmId, target.name(), "console ticket issued");
        return ticket;
    }

    /**
     * Takes the ticket out of circulation and returns it, if it was issued, not yet used and not expired.
     * Whoever presents it first wins; a second use finds nothing.
     */
    public Optional<ConsoleTicket> redeem(String id) {
        if (id == null) {
            return Optional.empty();
        }
        ConsoleTicket ticket = open.remove(id);
        return ticket == null || ticket.expired(clock.instant()) ? Optional.empty() : Optional.of(ticket);
    }

    private void forgetExpired() {
        Instant now = clock.instant();
        open.values().removeIf(t -> t.expired(now));
    }

    private static AgentMessage.Reply await(AgentCommands commands, UUID hostId, UUID vmId, ConsoleSpec spec) {
        try {
            AgentMessage.Reply reply = commands.setConsolePassword(hostId, vmId, spec, Duration.ofSeconds(30))
                    .get(35, TimeUnit.SECONDS);
            if (!reply.ok()) {
                throw ApiException.conflict("the console cannot open: " + reply.error());
            }
            return reply;
        } catch (AgentUnavailableException e) {
            throw ApiException.conflict("the VM's host is not connected: " + e.getMessage());
        } catch (ExecutionException | TimeoutException e) {
            throw ApiException.conflict("setting the console password failed: " + AgentCommands.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted");
        }
    }

    private static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
