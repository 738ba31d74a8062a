package dev.vireo.agent.network;

import dev.vireo.protocol.NetworkSetupSpec;

import java.util.List;

/**
 * A switch backend: plans the commands (argument lists) that take the host from one setup to another. Both
 * directions use the same plan, so a rollback is {@code plan(new, old)}.
 */
public interface VirtualSwitch {

    String type();

    List<List<String>> plan(NetworkSetupSpec from, NetworkSetupSpec to) throws NetworkCommandException;
}
