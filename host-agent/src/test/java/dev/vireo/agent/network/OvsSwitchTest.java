package dev.vireo.agent.network;

import dev.vireo.protocol.NetworkSetupSpec;
import dev.vireo.protocol.NetworkSetupSpec.Attachment;
import dev.vireo.protocol.NetworkSetupSpec.Bond;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OvsSwitchTest {
    static final OvsSwitch OVS = new OvsSwitch("netdev");

    static NetworkSetupSpec setup(List<Bond> bonds, List<Attachment> attachments) {
        return new NetworkSetupSpec("s1", "ovs", bonds, attachments, 5);
    }

    static List<String> plan(NetworkSetupSpec from, NetworkSetupSpec to) throws Exception {
        return OVS.plan(from, to).stream().map(c -> String.join(" ", c)).toList();
    }

    @Test
    void anActiveBackupBondCarryingANetwork() throws Exception {
        var to = setup(List.of(new Bond("bond0", List.of("eth1", "eth2"), "active-backup", null, 100)),
                List.of(new Attachment("lab", "ovslab", "bond0", 10, 1500)));
        assertEquals(List.of(
                "ovs-vsctl --timeout=10 --may-exist add-br ovslab -- set bridge ovslab datapath_type=netdev",
                "ip link set dev eth1 up",
                "ip link set dev eth2 up",
                "ovs-vsctl --timeout=10 --may-exist add-bond ovslab bond0 eth1 eth2 bond_mode=active-backup lacp=off"
                        + " other_config:bond-detect-mode=miimon other_config:bond-miimon-interval=100",
                "ovs-vsctl --timeout=10 set interface eth1 mtu_request=1500",
                "ovs-vsctl --timeout=10 set interface eth2 mtu_request=1500",
                "ip link set dev ovslab up"), plan(NetworkSetupSpec.empty("ovs"), to));
    }

    @Test
    void lacpBondsNegotiateAndChangingTheModeReplacesThePort() throws Exception {
        var ab = setup(List.of(new Bond("bond0", List.of("eth1", "eth2"), "active-backup", null, null)),
                List.of(new Attachment("lab", "ovslab", "bond0", null, 1500)));
        var lacp = setup(List.of(new Bond("bond0", List.of("eth1", "eth2"), "802.3ad", "fast", null)),
                List.of(new Attachment("lab", "ovslab", "bond0", null, 1500)));
        List<String> p = plan(ab, lacp);
        assertTrue(p.contains("ovs-vsctl --timeout=10 --if-exists del-port ovslab bond0"), p.toString());
        assertTrue(p.contains("ovs-vsctl --timeout=10 --may-exist add-bond ovslab bond0 eth1 eth2 bond_mode=balance-tcp"
                + " lacp=active other_config:lacp-fallback-ab=false other_config:lacp-time=fast"
                + " other_config:bond-detect-mode=carrier"), p.toString());
        assertEquals(List.of(), plan(lacp, lacp), "nothing to do when nothing changes");
    }

    @Test
    void aBondMovingToAnotherBridgeLeavesTheOldOneFirst() throws Exception {
        Bond bond = new Bond("bond0", List.of("eth1", "eth2"), "active-backup", null, null);
        var from = setup(List.of(bond), List.of(new Attachment("b", "ovsb", "eth3", null, 1500),
                new Attachment("a", "ovsa", "bond0", null, 1500)));
        var to = setup(List.of(bond), List.of(new Attachment("b", "ovsb", "bond0", null, 1500),
                new Attachment("a", "ovsa", "eth3", null, 1500)));
        List<String> p = plan(from, to);
        int lastRemoval = Math.max(p.indexOf("ovs-vsctl --timeout=10 --if-exists del-port ovsa bond0"),
                p.indexOf("ovs-vsctl --timeout=10 --if-exists del-port ovsb eth3"));
        int firstAdd = p.indexOf(p.stream().filter(c -> c.contains("add-bond") || c.contains("add-port")).findFirst().orElseThrow());
        assertTrue(lastRemoval >= 0 && lastRemoval < firstAdd, p.toString());
    }

    @Test
    void theReversePlanRemovesWhatWasAdded() throws Exception {
        var to = setup(List.of(), List.of(new Attachment("lab", "ovslab", "eth1", null, 1500)));
        assertEquals(List.of("ovs-vsctl --timeout=10 --if-exists del-br ovslab", "ip link set dev eth1 mtu 1500"),
                plan(to, NetworkSetupSpec.empty("ovs")));
    }

    @Test
    void namesThatAreNoInterfaceNamesNeverReachACommand() {
        for (String bad : List.of("-x", "a b", "eth0;rm", "abcdefghijklmnop", "..")) {
            assertThrows(NetworkCommandException.class, () -> OVS.plan(NetworkSetupSpec.empty("ovs"),
                    setup(List.of(), List.of(new Attachment("lab", bad, "eth1", null, 1500)))), bad);
            assertThrows(NetworkCommandException.class, () -> OVS.plan(NetworkSetupSpec.empty("ovs"),
                    setup(List.of(new Bond("bond0", List.of("eth1", bad), "active-backup", null, null)), List.of())), bad);
        }
        assertThrows(NetworkCommandException.class, () -> OVS.plan(NetworkSetupSpec.empty("ovs"),
                setup(List.of(new Bond("bond0", List.of("eth1", "eth2"), "round-robin", null, null)), List.of())));
    }
}
