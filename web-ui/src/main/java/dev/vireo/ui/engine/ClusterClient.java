package dev.vireo.ui.engine;

import static dev.vireo.ui.engine.EngineHttp.seg;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;

/**
 * Administration of a cluster: its scheduling policy, migration policy, switch type and affinity groups
 * ({@code /api/v1/clusters/{id}/…}, administrators only). Errors as in {@link EngineClient}.
 */
public class ClusterClient {

    /** How the cluster's hosts carry networks: {@code legacy} (Linux bridge) or {@code ovs} (Open vSwitch). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SwitchType(String switchType) {
    }

    private final EngineHttp http;

    public ClusterClient(EngineClient engine) {
        this.http = engine.http();
    }

    private static String cluster(String clusterId) {
        return "/api/v1/clusters/" + seg(clusterId);
    }

    public SchedulingPolicy scheduling(String clusterId) {
        return http.get(cluster(clusterId) + "/scheduling", new TypeReference<>() { });
    }

    public SchedulingPolicy updateScheduling(String clusterId, SchedulingPolicy.Update update) {
        return http.read(http.put(cluster(clusterId) + "/scheduling", update), new TypeReference<>() { });
    }

    public MigrationPolicy migration(String clusterId) {
        return http.get(cluster(clusterId) + "/migration", new TypeReference<>() { });
    }

    public MigrationPolicy updateMigration(String clusterId, MigrationPolicy update) {
        return http.read(http.put(cluster(clusterId) + "/migration", update), new TypeReference<>() { });
    }

    public String switchType(String clusterId) {
        return http.get(cluster(clusterId) + "/switchtype", new TypeReference<SwitchType>() { }).switchType();
    }

    public String updateSwitchType(String clusterId, String switchType) {
        return http.read(http.put(cluster(clusterId) + "/switchtype", new SwitchType(switchType)),
                new TypeReference<SwitchType>() { }).switchType();
    }

    public List<AffinityGroup> affinityGroups(String clusterId) {
        return http.get(cluster(clusterId) + "/affinitygroups", new TypeReference<>() { });
    }

    public AffinityGroup createAffinityGroup(String clusterId, AffinityGroup.Create group) {
        return http.read(http.post(cluster(clusterId) + "/affinitygroups", group), new TypeReference<>() { });
    }

    public void deleteAffinityGroup(String clusterId, String groupId) {
        http.delete(cluster(clusterId) + "/affinitygroups/" + seg(groupId));
    }
}
