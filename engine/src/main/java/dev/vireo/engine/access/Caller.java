package dev.vireo.engine.access;

import java.util.Set;

/**
 * The person behind a request, as their identity provider vouches: their user name (the audit log's
 * actor), their groups, and whether they administer the whole system (the {@code admin} role).
 */
public record Caller(String name, Set<String> groups, boolean admin) {

    public Caller {
        groups = Set.copyOf(groups);
    }
}
