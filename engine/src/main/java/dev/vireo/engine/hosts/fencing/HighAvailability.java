package dev.vireo.engine.hosts.fencing;

import dev.vireo.engine.api.Actors;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.hosts.Host;
import dev.vireo.engine.hosts.HostStatus;
import dev.vireo.engine.vms.DesiredState;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.engine.vms.actions.StartVm;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What happens to a host that stopped heartbeating: fence it, and only when fencing succeeded mark it
 * FENCED, restart its highly available VMs on other hosts and mark the others DOWN. Without successful
 * fencing nothing moves: a host that is merely cut off may still run its VMs, and a VM must never run twice.
 * Every step is an audit event.
 */
@ApplicationScoped
public class HighAvailability {

    @Inject
    FenceAgent fenceAgent;
    @Inject
    EventLog events;
    @Inject
    StartVm start;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fencing");
        t.setDaemon(true);
        return t;
    });

    void stop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }

    /** Called when a host went NON_RESPONSIVE; works in the background. */
    public void hostLost(UUID hostId, String hostName) {
        worker.execute(() -> handle(hostId, hostName));
    }

    private void handle(UUID hostId, String hostName) {
        if (!fenceAgent.configured()) {
            events.warn(Actors.SYSTEM, "host.fence-skipped", "host", hostId, hostName,
                    "host is not responding and no fence agent is configured: its VMs stay UNKNOWN, HA VMs are not restarted elsewhere");
            return;
        }
        events.info(Actors.SYSTEM, "host.fence", "host", hostId, hostName, "fencing the non-responsive host");
        String failure = fenceAgent.fence(hostName);
        if (failure != null) {
            events.error(Actors.SYSTEM, "host.fence-failed", "host", hostId, hostName,
                    "fencing failed, so its VMs are not restarted elsewhere: " + failure);
            return;
        }
        List<UUID> restart = new ArrayList<>();
        boolean fenced = QuarkusTransaction.requiringNew().call(() -> {
            Host host = Host.findById(hostId, LockModeType.PESSIMISTIC_WRITE);
            if (host == null || host.status != HostStatus.NON_RESPONSIVE) {
                return false;   // it came back while we fenced: leave it to the agent's reports
            }
            host.status = HostStatus.FENCED;
            events.warn(Actors.SYSTEM, "host.fenced", "host", hostId, hostName, "host fenced: it is confirmed down");
            for (Vm vm : Vm.<Vm>find("hostId", hostId).withLock(LockModeType.PESSIMISTIC_WRITE).list()) {
                vm.setStatus(VmStatus.DOWN);
                if (vm.highlyAvailable) {
                    restart.add(vm.id);
                    events.warn(Actors.SYSTEM, "vm.down", "vm", vm.id, vm.name,
                            "VM is down: its host " + hostName + " was fenced; restarting it elsewhere (highly available)");
                } else {
                    vm.desiredState = DesiredState.DOWN;
                    events.warn(Actors.SYSTEM, "vm.down", "vm", vm.id, vm.name,
                            "VM is down: its host " + hostName + " was fenced (not highly available: it stays down)");
                }
            }
            return true;
        });
        if (!fenced) {
            return;
        }
        for (UUID vm : restart) {
            try {
                start.begin(vm, Actors.SYSTEM);
            } catch (ApiException e) {
                events.error(Actors.SYSTEM, "vm.ha-restart-failed", "vm", vm, null,
                        "highly available VM could not be restarted: " + e.getMessage());
            }
        }
    }
}
