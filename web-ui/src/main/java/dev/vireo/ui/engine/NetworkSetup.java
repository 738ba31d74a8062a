package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A host's whole network setup ({@code /hosts/{id}/networksetup}): its bonds and which logical network each NIC
 * or bond carries. GET adds the cluster's switch type; POST takes {@link #request()} (what is left out is removed).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkSetup(String switchType, List<Bond> bonds, List<Attachment> networks) {

    public NetworkSetup {
        bonds = bonds == null ? List.of() : List.copyOf(bonds);
        networks = networks == null ? List.of() : List.copyOf(networks);
    }

    /** What POST takes: the same without the switch type. */
    public Request request() {
        return new Request(bonds, networks);
    }

    public record Request(List<Bond> bonds, List<Attachment> networks) {
    }

    /**
     * @param mode     active-backup, balance-slb (Open vSwitch only), balance-tcp or 802.3ad (both LACP)
     * @param lacpRate slow or fast, LACP modes only (else null)
     * @param miimonMs link checks every that many ms; null: carrier
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Bond(String name, List<String> members, String mode, String lacpRate, Integer miimonMs) {
        public Bond {
            members = members == null ? List.of() : List.copyOf(members);
        }
    }

    /** {@code vlanId} and {@code mtu} override the network's on this host; null: the network's. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attachment(String networkId, String on, Integer vlanId, Integer mtu) {
    }
}
