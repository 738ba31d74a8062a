package dev.vireo.ui.engine;

import static dev.vireo.ui.engine.EngineHttp.seg;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Map;

/** Real operating systems: templates to start from, a new VM's NIC, and what its guest agent reports. */
public class ProvisioningClient {

    private final EngineHttp http;

    public ProvisioningClient(EngineClient engine) {
        this.http = engine.http();
    }

    public List<Template> templates() {
        return http.get("/api/v1/templates", new TypeReference<>() { });
    }

    public GuestInfo guest(String vmId) {
        return http.get("/api/v1/vms/" + seg(vmId) + "/guest", new TypeReference<>() { });
    }

    /** A NIC on the logical network, with a MAC from the engine's pool. */
    public void addNic(String vmId, String networkId) {
        http.read(http.post("/api/v1/vms/" + seg(vmId) + "/nics", Map.of("networkId", networkId)), new TypeReference<Object>() { });
    }
}
