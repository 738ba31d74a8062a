package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** One page of a list endpoint: {@code {"items": [...], "total": 123, "offset": 0, "limit": 50}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Page<T>(List<T> items, long total, int offset, int limit) {

    public Page {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public static <T> Page<T> empty() {
        return new Page<>(List.of(), 0, 0, 0);
    }
}
