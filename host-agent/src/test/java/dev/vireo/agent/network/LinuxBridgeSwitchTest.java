package dev.vireo.agent.network;

import dev.vireo.protocol.NetworkSetupSpec;
import dev.vireo.protocol.NetworkSetupSpec.Attachment;
import dev.vireo.protocol.NetworkSetupSpec.Bond;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The kernel here has no bonding or VLAN module: the legacy backend is checked by the commands it would run. */
class LinuxBridgeSwitchTest {
    static final LinuxBridgeSwitch LEGACY = new LinuxBridgeSwitch();

    static NetworkSetupSpec setup(List<Bond> bonds, List<Attachment> attachments) {
        return new NetworkSetupSpec("s1", "legacy", bonds, attachments, 5);
    }

    static List<String> plan(NetworkSetupSpec from, NetworkSetupSpec to) throws Exception {
        return LEGACY.plan(from, to).stream().map(c -> String.join(" ", c)).toList();
    }

    static final NetworkSetupSpec LACP_VLAN = setup(
            List.of(new Bond("bond0", List.of("eth1", "eth2"), "802.3ad", "fast", 100)),
            List.of(new Attachment("lab", "brlab", "bond0", 42, 9000)));

    @Test
    void aLacpBondWithAVlanNetwork() throws Exception {
        assertEquals(List.of(
                "ip link add name bond0 type bond mode 802.3ad miimon 100 lacp_rate fast",
                "ip link set dev eth1 down", "ip link set dev eth1 master bond0", "ip link set dev eth1 up",
                "ip link set dev eth2 down", "ip link set dev eth2 master bond0", "ip link set dev eth2 up",
                "ip link set dev bond0 up",
                "ip link set dev bond0 mtu 9000",
                "ip link add link bond0 name bond0.42 type vlan id 42",
                "ip link add name brlab type bridge",
                "ip link set dev bond0.42 mtu 9000",
                "ip link set dev bond0.42 master brlab",
                "ip link set dev brlab mtu 9000",
                "ip link set dev bond0.42 up",
                "ip link set dev brlab up"), plan(NetworkSetupSpec.empty("legacy"), LACP_VLAN));
    }

    @Test
    void rollingBackTearsDownBridgeVlanAndBond() throws Exception {
        assertEquals(List.of("ip link del dev brlab", "ip link del dev bond0.42", "ip link set dev bond0 mtu 1500",
                "ip link set dev eth1 nomaster", "ip link set dev eth2 nomaster", "ip link del dev bond0"),
                plan(LACP_VLAN, NetworkSetupSpec.empty("legacy")));
        assertEquals(List.of(), plan(LACP_VLAN, LACP_VLAN));
    }

    @Test
    void balanceSlbIsAnOvsModeAndLongVlanDeviceNamesAreRefused() {
        assertThrows(NetworkCommandException.class, () -> LEGACY.plan(NetworkSetupSpec.empty("legacy"),
                setup(List.of(new Bond("bond0", List.of("eth1", "eth2"), "balance-slb", null, null)), List.of())));
        assertThrows(NetworkCommandException.class, () -> LEGACY.plan(NetworkSetupSpec.empty("legacy"),
                setup(List.of(), List.of(new Attachment("lab", "brlab", "enp0s31f6abcd", 4094, 1500)))));
    }
}
