package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A cluster as {@code GET /api/v1/clusters} lists it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Cluster(String id, String name, String description) {
}
