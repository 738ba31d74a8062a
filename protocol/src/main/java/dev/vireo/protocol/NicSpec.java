package dev.vireo.protocol;

/**
 * A VM network interface: plugged into a host bridge. The agent checks every field before it reaches
 * libvirt (MAC syntax, model from a fixed list, bridge an interface name).
 *
 * @param mac    "56:6f:00:00:00:01": six hex octets with ':'
 * @param bridge the host bridge (Linux or OVS) carrying the VM's logical network
 * @param model  the emulated NIC: virtio, e1000 or rtl8139
 * @param mtu    the network's MTU (68..9000)
 * @param virtualport "openvswitch" when the bridge is an Open vSwitch bridge, else null
 * @param vlan   the port's VLAN tag on an OVS bridge (1..4094), or null
 */
public record NicSpec(String mac, String bridge, String model, int mtu, String virtualport, Integer vlan) {

    public NicSpec(String mac, String bridge, String model, int mtu) {
        this(mac, bridge, model, mtu, null, null);
    }
}
