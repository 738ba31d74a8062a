package dev.vireo.ui.engine;

import static dev.vireo.ui.engine.EngineHttp.seg;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;

/** Host networking: a host's NICs, its network setup (applied as a job) and the logical networks. */
public class NetworkClient {

    private final EngineHttp http;

    public NetworkClient(EngineClient engine) {
        this.http = engine.http();
    }

    /** The host's NICs, bonds and bridges as its agent last reported them. */
    public List<HostNic> nics(String hostId) {
        return http.get("/api/v1/hosts/" + seg(hostId) + "/nics", new TypeReference<>() { });
    }

    /** The host's confirmed setup and its cluster's switch type. */
    public NetworkSetup setup(String hostId) {
        return http.get("/api/v1/hosts/" + seg(hostId) + "/networksetup", new TypeReference<>() { });
    }

    /**
     * Sends a whole new setup; the engine checks it first (a 4xx names what is wrong, nothing is applied), then
     * answers 202 with the job that applies it on the host and waits for the connectivity check.
     */
    public Job apply(String hostId, NetworkSetup.Request setup) {
        return http.read(http.post("/api/v1/hosts/" + seg(hostId) + "/networksetup", setup), new TypeReference<>() { });
    }

    public List<LogicalNetwork> networks() {
        return http.get("/api/v1/networks", new TypeReference<>() { });
    }
}
