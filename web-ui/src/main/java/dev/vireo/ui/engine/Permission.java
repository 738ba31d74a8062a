package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;

/** A role granted to a user or group on the system, a cluster or a VM ({@code /api/v1/permissions}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Permission(String id, String principalKind, String principal, String role, String objectKind,
                         String objectId, OffsetDateTime createdAt, String createdBy) {

    /** The body of {@code POST /api/v1/permissions}; {@code objectId} is null for SYSTEM. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Grant(String principalKind, String principal, String role, String objectKind, String objectId) {
    }
}
