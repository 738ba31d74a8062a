package dev.vireo.engine.hostnetwork;

import java.util.List;

/** A host's confirmed network setup and the switch type of its cluster. */
public record NetworkSetupView(String switchType, List<NetworkSetupRequest.BondRequest> bonds,
                               List<NetworkSetupRequest.NetworkAttachment> networks) {
}
