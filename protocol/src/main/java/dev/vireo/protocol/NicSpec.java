package dev.vireo.protocol;

/**
 * A VM network interface: plugged into a host bridge. The agent checks every field before it reaches
 * libvirt (MAC syntax, model from a fixed list, bridge an interface name).
 *
 * @param mac    "56:6f:00:00:00:01": six hex octets with ':'
 * @param bridge the host bridge (Linux or OVS) carrying the VM's logical network
 * @param model  the emulated NIC: virtio, e1000 or rtl8139
 * @param mtu    the network's MTU (68..9000)
 */
public record NicSpec(String mac, String bridge, String model, int mtu) {
}
