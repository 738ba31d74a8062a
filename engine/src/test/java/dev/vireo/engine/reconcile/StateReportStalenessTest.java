package dev.vireo.engine.reconcile;

import dev.vireo.engine.support.EmbeddedPostgresResource;
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
import static dev.vireo.engine.support.Fixtures.vmRow;
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
        UUID fresh = vmRow("stale-vm", VmStatus.RUNNING, host, null, OffsetDateTime.now()).id;
        UUID freshAbsent = vmRow("stale-vm", VmStatus.RUNNING, host, null, OffsetDateTime.now()).id;
        UUID old = vmRow("stale-vm", VmStatus.RUNNING, host, null, OffsetDateTime.now().minusMinutes(5)).id;

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
        UUID fresh = vmRow("stale-vm", VmStatus.RUNNING, host, null, OffsetDateTime.now()).id;
        reconciler.applyLifecycle(host, new DomainStatus(fresh.toString(), "fresh", DomainState.SHUTOFF, 0),
                "STOPPED", "SHUTDOWN");
        assertEquals(VmStatus.DOWN, status(fresh));
    }

    private static VmStatus status(UUID vm) {
        return QuarkusTransaction.requiringNew().call(() -> Vm.<Vm>findById(vm).status);
    }
}
