package dev.vireo.engine.reconcile;

import dev.vireo.engine.vms.VmStatus;
import dev.vireo.protocol.DomainState;
import dev.vireo.protocol.DomainStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuietReportsTest {
    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();

    private static QuietReports.PlacedVm vm(UUID id, VmStatus status, Integer vnc) {
        return new QuietReports.PlacedVm(id, status, vnc, null);
    }

    private static DomainStatus domain(UUID id, DomainState state, int vnc) {
        return new DomainStatus(id.toString(), "vm-" + id, state, vnc);
    }

    private static boolean quiet(List<QuietReports.PlacedVm> placed, List<DomainStatus> reported) {
        return QuietReports.changesNothing(placed, reported, id -> false, uuid -> false);
    }

    @Test
    void aSettledHostsReportChangesNothing() {
        assertTrue(quiet(List.of(vm(A, VmStatus.RUNNING, 5900), vm(B, VmStatus.PAUSED, 5901)),
                List.of(domain(A, DomainState.RUNNING, 5900), domain(B, DomainState.PAUSED, 5901))));
        assertTrue(quiet(List.of(), List.of()));
        // a VM being started that libvirt has not defined yet, or defined but not yet running
        assertTrue(quiet(List.of(vm(A, VmStatus.STARTING, null)), List.of()));
        assertTrue(quiet(List.of(vm(A, VmStatus.STARTING, null)), List.of(domain(A, DomainState.SHUTOFF, -1))));
    }

    @Test
    void anyDifferenceGoesTheFullWay() {
        // started, stopped, paused, a new VNC port, a migration pending, gone from the host
        assertFalse(quiet(List.of(vm(A, VmStatus.STARTING, null)), List.of(domain(A, DomainState.RUNNING, 5900))));
        assertFalse(quiet(List.of(vm(A, VmStatus.RUNNING, 5900)), List.of(domain(A, DomainState.SHUTOFF, -1))));
        assertFalse(quiet(List.of(vm(A, VmStatus.RUNNING, 5900)), List.of(domain(A, DomainState.PAUSED, 5900))));
        assertFalse(quiet(List.of(vm(A, VmStatus.RUNNING, 5900)), List.of(domain(A, DomainState.RUNNING, 5901))));
        assertFalse(quiet(List.of(new QuietReports.PlacedVm(A, VmStatus.RUNNING, 5900, B)),
                List.of(domain(A, DomainState.RUNNING, 5900))));
        assertFalse(quiet(List.of(vm(A, VmStatus.RUNNING, 5900)), List.of()));
        assertFalse(quiet(List.of(vm(A, VmStatus.RUNNING, 5900)), List.of(domain(A, DomainState.UNKNOWN, 5900))));
        // a running domain the engine does not have on this host: a claim or a stranger
        assertFalse(quiet(List.of(), List.of(domain(B, DomainState.RUNNING, 5900))));
        assertFalse(quiet(List.of(), List.of(new DomainStatus("not-a-uuid", "theirs", DomainState.RUNNING, -1))));
    }

    @Test
    void whatTheReconcilerLeavesAloneStaysQuiet() {
        // a migrating or held VM, a stranger already reported, a shut-off domain nobody manages
        assertTrue(quiet(List.of(vm(A, VmStatus.MIGRATING, null)), List.of()));
        assertTrue(QuietReports.changesNothing(List.of(vm(A, VmStatus.RUNNING, 5900)), List.of(), Set.of(A)::contains,
                uuid -> false));
        assertTrue(QuietReports.changesNothing(List.of(), List.of(domain(B, DomainState.RUNNING, 1)), id -> false,
                Set.of(B.toString())::contains));
        assertTrue(quiet(List.of(), List.of(domain(B, DomainState.SHUTOFF, -1))));
    }
}
