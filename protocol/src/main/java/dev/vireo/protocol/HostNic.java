package dev.vireo.protocol;

/**
 * A network interface of a host as its agent sees it (from {@code /sys/class/net} and Open vSwitch).
 *
 * @param kind      "nic" (a device with a MAC and a link), "bond" (an OVS bond port) or "bridge"
 * @param speedMbps null when the device does not tell (virtual devices, links that are down)
 * @param linkState the kernel's operstate ("up", "down", "lowerlayerdown" …) or, for a bond, "up" when a
 *                  member is up
 * @param bond      the bond holding this NIC, or null
 * @param bridge    the bridge (Linux or OVS) holding this NIC or bond, or null
 */
public record HostNic(String name, String kind, String mac, Integer speedMbps, String linkState, String bond,
                      String bridge) {

    public boolean up() {
        return "up".equals(linkState);
    }
}
