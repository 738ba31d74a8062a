package dev.vireo.ui.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vireo.ui.engine.Host;
import dev.vireo.ui.engine.HostStatus;
import dev.vireo.ui.engine.Vm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which hosts the migrate dialog offers by name. */
class MigrateDialogTest {

    private static Host host(String id, String cluster, HostStatus status) {
        return new Host(id, "host-" + id, cluster, status, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    private static Vm vmOn(String hostId, String cluster) {
        return new Vm("v1", "web", null, cluster, null, null, hostId, null, null, null, null, null, null, null);
    }

    @Test
    void upHostsOfTheVmsClusterOtherThanItsOwnByName() {
        List<Host> hosts = List.of(host("c", "c1", HostStatus.UP), host("a", "c1", HostStatus.UP),
                host("b", "c1", HostStatus.MAINTENANCE), host("d", "c2", HostStatus.UP),
                host("e", "c1", HostStatus.NON_RESPONSIVE), host("f", "c1", HostStatus.UP));
        assertEquals(List.of("host-a", "host-f"),
                MigrateDialog.destinations(hosts, vmOn("c", "c1")).stream().map(Host::name).toList());
    }

    @Test
    void aVmOnNoHostMayGoToAnyUpHostOfItsCluster() {
        List<Host> hosts = List.of(host("a", "c1", HostStatus.UP), host("b", "c1", HostStatus.INSTALLING));
        assertEquals(List.of("host-a"), MigrateDialog.destinations(hosts, vmOn(null, "c1")).stream().map(Host::name).toList());
    }

    @Test
    void noOtherHostMeansNoChoice() {
        assertEquals(List.of(), MigrateDialog.destinations(List.of(host("a", "c1", HostStatus.UP)), vmOn("a", "c1")));
    }
}
