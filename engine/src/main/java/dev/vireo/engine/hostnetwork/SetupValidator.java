package dev.vireo.engine.hostnetwork;

import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.network.Network;
import dev.vireo.protocol.HostNic;
import dev.vireo.protocol.NetworkSetupSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks a setup against the host's reported NICs and the cluster's networks before anything reaches the host,
 * and turns it into the agent's spec. Every refusal names what is wrong; nothing is applied.
 */
final class SetupValidator {
    static final List<String> MODES = List.of("active-backup", "balance-slb", "balance-tcp", "802.3ad");
    private static final Pattern IF_NAME = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.-]{0,14}");
    private static final int MIN_MTU = 68;
    private static final int MAX_MTU = 9000;

    private SetupValidator() {
    }

    /** @param networks the networks of the host's cluster, by id */
    static NetworkSetupSpec validate(String hostName, String switchType, NetworkSetupRequest request,
                                     List<HostNic> hostNics, Map<UUID, Network> networks, int confirmSeconds) {
        if (request == null) {
            throw new ApiException(400, "Bad request", "a network setup body is required: {\"bonds\":[…],\"networks\":[…]}");
        }
        Set<String> nics = new HashSet<>();
        for (HostNic n : hostNics) {
            if ("nic".equals(n.kind())) {
                nics.add(n.name());
            }
        }
        Map<String, String> bondOfMember = new HashMap<>();
        Set<String> bondNames = new LinkedHashSet<>();
        List<NetworkSetupSpec.Bond> bonds = new ArrayList<>();
        for (NetworkSetupRequest.BondRequest b : request.bonds()) {
            if (b == null || b.name() == null || !IF_NAME.matcher(b.name()).matches()) {
                throw ApiException.invalid("bond name '" + (b == null ? null : printable(b.name()))
                        + "' is not an interface name (1 to 15 letters, digits, '_', '.', '-')");
            }
            if (!bondNames.add(b.name()) || nics.contains(b.name())) {
                throw ApiException.conflict("bond name " + b.name() + " is taken (by another bond or a NIC of host " + hostName + ")");
            }
            if (b.mode() == null || !MODES.contains(b.mode())) {
                throw ApiException.invalid("bond " + b.name() + ": unknown mode '" + printable(b.mode()) + "'; one of " + MODES);
            }
            if ("balance-slb".equals(b.mode()) && !"ovs".equals(switchType)) {
                throw ApiException.invalid("bond " + b.name() + ": balance-slb is an Open vSwitch mode; this cluster's switch type is " + switchType);
            }
            boolean lacp = b.mode().equals("balance-tcp") || b.mode().equals("802.3ad");
            List<String> members = b.members() == null ? List.of() : b.members();
            for (String m : members) {
                if (m == null || !nics.contains(m)) {
                    throw ApiException.invalid("bond " + b.name() + ": unknown NIC '" + printable(m) + "' on host " + hostName
                            + " (its NICs: " + nics.stream().sorted().toList() + ")");
                }
                String other = bondOfMember.putIfAbsent(m, b.name());
                if (other != null) {
                    throw ApiException.conflict("NIC " + m + " is in two bonds: " + other + " and " + b.name());
                }
            }
            if (members.size() < 2) {
                throw ApiException.invalid("bond " + b.name() + (lacp ? " in LACP mode (" + b.mode() + ")" : "")
                        + " needs at least two members; it has " + members.size());
            }
            if (b.lacpRate() != null && (!lacp || !Set.of("slow", "fast").contains(b.lacpRate()))) {
                throw ApiException.invalid("bond " + b.name() + ": lacpRate is slow or fast, and only for LACP modes");
            }
            if (b.miimonMs() != null && (b.miimonMs() < 0 || b.miimonMs() > 60_000)) {
                throw ApiException.invalid("bond " + b.name() + ": miimonMs " + b.miimonMs() + " is outside 0..60000");
            }
            bonds.add(new NetworkSetupSpec.Bond(b.name(), members, b.mode(), b.lacpRate(), b.miimonMs()));
        }
        List<NetworkSetupSpec.Attachment> attachments = new ArrayList<>();
        Set<UUID> attached = new HashSet<>();
        Map<String, String> networkOnUplink = new HashMap<>();
        Map<String, String> networkOnDevice = new HashMap<>();
        for (NetworkSetupRequest.NetworkAttachment a : request.networks()) {
            if (a == null || a.networkId() == null) {
                throw ApiException.invalid("each network attachment needs a networkId");
            }
            Network network = networks.get(a.networkId());
            if (network == null) {
                throw ApiException.invalid("network " + a.networkId() + " does not exist in the cluster of host " + hostName);
            }
            if (!attached.add(network.id)) {
                throw ApiException.conflict("network " + network.name + " is attached twice");
            }
            if (a.on() == null || !(nics.contains(a.on()) || bondNames.contains(a.on()))) {
                throw ApiException.invalid("network " + network.name + ": unknown NIC or bond '" + printable(a.on())
                        + "' on host " + hostName);
            }
            if (bondOfMember.containsKey(a.on())) {
                throw ApiException.conflict("network " + network.name + ": NIC " + a.on() + " is a member of bond "
                        + bondOfMember.get(a.on()) + "; attach the network to the bond");
            }
            Integer vlan = a.vlanId() != null ? a.vlanId() : network.vlanId;
            if (vlan != null && (vlan < 1 || vlan > 4094)) {
                throw ApiException.invalid("network " + network.name + ": VLAN " + vlan + " is outside 1..4094");
            }
            int mtu = a.mtu() != null ? a.mtu() : network.mtu;
            if (mtu < MIN_MTU || mtu > MAX_MTU) {
                throw ApiException.invalid("network " + network.name + ": MTU " + mtu + " is outside " + MIN_MTU + ".." + MAX_MTU);
            }
            String first = networkOnUplink.putIfAbsent(a.on(), network.name);
            if (first != null && "ovs".equals(switchType)) {
                throw ApiException.conflict(a.on() + " carries " + first + " already: on Open vSwitch a NIC or bond is the "
                        + "uplink of one network's bridge (VLANs are tagged on the VM ports)");
            }
            // on Linux bridges each network needs its own device: the NIC itself (untagged) or NIC.VLAN
            String device = vlan == null ? a.on() : a.on() + "." + vlan;
            String sameDevice = networkOnDevice.putIfAbsent(device, network.name);
            if (sameDevice != null && !"ovs".equals(switchType)) {
                throw ApiException.conflict("networks " + sameDevice + " and " + network.name + " would both be on " + device
                        + (vlan == null ? " untagged" : "") + "; give them different VLANs");
            }
            attachments.add(new NetworkSetupSpec.Attachment(network.name, network.bridge, a.on(), vlan, mtu));
        }
        return new NetworkSetupSpec(null, switchType, bonds, attachments, confirmSeconds);
    }

    private static String printable(String s) {
        return s == null ? "null" : s.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
