package dev.vireo.engine.api;

import java.util.List;

/** One page of a list; every list endpoint returns this, so clients can page 100,000 VMs. */
public record Page<T>(List<T> items, long total, int offset, int limit) {
    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;

    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiException.invalid("limit must be between 1 and " + MAX_LIMIT + ", not " + requested);
        }
        return requested;
    }

    public static int offset(Integer requested) {
        if (requested == null) {
            return 0;
        }
        if (requested < 0) {
            throw ApiException.invalid("offset must not be negative");
        }
        return requested;
    }
}
