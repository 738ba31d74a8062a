package dev.vireo.engine.reconcile;

import dev.vireo.engine.api.Actors;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;

/**
 * After an engine restart, VMs caught in the middle of an action (starting, stopping, migrating) have lost the
 * job that would have settled them. They become UNKNOWN, keeping their host (and a migration's destination),
 * and the hosts' next reports say what is true; nothing is started or stopped on a guess.
 */
@ApplicationScoped
public class StartupRecovery {

    @Inject
    EventLog events;

    void recover(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(() -> {
            List<Vm> caught = Vm.list("status in ?1", List.of(VmStatus.STARTING, VmStatus.STOPPING, VmStatus.MIGRATING));
            for (Vm vm : caught) {
                VmStatus was = vm.status;
                vm.setStatus(VmStatus.UNKNOWN);
                events.warn(Actors.SYSTEM, "vm.recovered", "vm", vm.id, vm.name, "the engine restarted while the VM was "
                        + was + "; it is UNKNOWN until its host reports");
            }
        });
    }
}
