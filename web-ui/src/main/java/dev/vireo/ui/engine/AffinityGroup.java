package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * An affinity group of a cluster ({@code /api/v1/clusters/{id}/affinitygroups}): its VMs together
 * ({@code POSITIVE}) or apart ({@code NEGATIVE}), and/or only on ({@code POSITIVE}) or never on
 * ({@code NEGATIVE}) its hosts; {@code NONE} where the group says nothing. Hard groups filter, soft ones weigh.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AffinityGroup(String id, String clusterId, String name, String vmPolarity, String hostPolarity,
                            boolean hard, Set<String> vmIds, Set<String> hostIds, OffsetDateTime createdAt) {

    /** The body of {@code POST}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Create(String name, String vmPolarity, String hostPolarity, Boolean hard, Set<String> vmIds,
                         Set<String> hostIds) {
    }
}
