package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A cluster's live migration policy ({@code GET/PUT /api/v1/clusters/{id}/migration}): maximum downtime
 * (0: libvirt's default), bandwidth cap (0: none), migrations per host at a time, auto-converge, post-copy.
 * In a {@code PUT} a null field keeps its value.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MigrationPolicy(Integer maxDowntimeMs, Integer bandwidthMiBps, Integer parallelPerHost,
                              Boolean autoConverge, Boolean postCopy) {
}
