package dev.vireo.engine.reconcile;

import dev.vireo.engine.clusters.Cluster;
import dev.vireo.engine.support.EmbeddedPostgresResource;
import dev.vireo.engine.vms.DesiredState;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.protocol.DomainState;
import dev.vireo.protocol.DomainStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static dev.vireo.engine.support.Fixtures.host;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A state report is gathered a moment before the engine reads it. One that shows a just-started VM as
 * defined-but-off (or not at all) predates the start and must not turn it DOWN: that freed its booked
 * memory and let a concurrent start overbook the host (seen in ConcurrentPlacementTest: 51 VMs of room 50).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class StateReportStalenessTest {

    @Inject
    VmStateReconciler reconciler;

    @Test
    void aReportOlderThanTheStartDoesNotStopTheVm() {
        UUID host = host("stale");
        UUID fresh = runningVm(host, OffsetDateTime.now());
        UUID freshAbsent = runningVm(host, OffsetDateTime.now());
        UUID old = runningVm(host, OffsetDateTime.now().minusMinutes(5));

        reconciler.applyReport(host, List.of(
                new DomainStatus(fresh.toString(), "fresh", DomainState.SHUTOFF, 0),
                new DomainStatus(old.toString(), "old", DomainState.SHUTOFF, 0)));

        assertEquals(VmStatus.RUNNING, status(fresh), "a report may predate a start this recent");
        assertEquals(VmStatus.RUNNING, status(freshAbsent), "nor may its absence from the report count");
        assertEquals(VmStatus.DOWN, status(old), "a VM that has run for minutes and is off is down");
    }

    @Test
    void aLibvirtEventIsNeverStale() {
        UUID host = host("stale");
        UUID fresh = runningVm(host, OffsetDateTime.now());
        reconciler.applyLifecycle(host, new DomainStatus(fresh.toString(), "fresh", DomainState.SHUTOFF, 0),
                "STOPPED", "SHUTDOWN");
        assertEquals(VmStatus.DOWN, status(fresh));
    }

    private static UUID runningVm(UUID host, OffsetDateTime changedAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = new Vm();
            vm.id = UUID.randomUUID();
            vm.clusterId = Cluster.DEFAULT_ID;
            vm.name = "stale-vm-" + vm.id.toString().substring(0, 8);
            vm.memoryMiB = 64;
            vm.vcpus = 1;
            vm.desiredState = DesiredState.UP;
            vm.status = VmStatus.RUNNING;
            vm.hostId = host;
            vm.createdAt = changedAt;
            vm.updatedAt = changedAt;
            vm.persist();
            return vm.id;
        });
    }

    private static VmStatus status(UUID vm) {
        return QuarkusTransaction.requiringNew().call(() -> Vm.<Vm>findById(vm).status);
    }
}
