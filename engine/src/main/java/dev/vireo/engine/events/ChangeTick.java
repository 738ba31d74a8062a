package dev.vireo.engine.events;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One message of the change stream: the kinds of objects that changed and their ids (VMs first), or
 * {@code everything} when too much changed to list. An empty tick is a keep-alive.
 */
public record ChangeTick(Set<String> types, List<UUID> ids, boolean everything) {
    static final ChangeTick KEEP_ALIVE = new ChangeTick(Set.of(), List.of(), false);
}
