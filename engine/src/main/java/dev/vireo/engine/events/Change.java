package dev.vireo.engine.events;

import java.util.UUID;

/**
 * Something the portals show has changed: an object of a kind ({@code vm}, {@code host}, {@code job}, …)
 * and, when it concerns one, the VM it belongs to, which decides who may hear of it.
 */
public record Change(String objectType, UUID objectId, UUID vmId) {
}
