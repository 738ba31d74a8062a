package dev.vireo.ui.engine;

import static dev.vireo.ui.engine.EngineHttp.seg;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;

/** Administration of access: permissions ({@code /api/v1/permissions}) and quotas ({@code /api/v1/quotas}). */
public class AccessClient {

    /** The engine's audit message for a new quota: "quota set for user alice: 8 vCPUs, …". */

    private final EngineHttp http;

    public AccessClient(EngineClient engine) {
        this.http = engine.http();
    }

    // ---- permissions -----------------------------------------------------------------------------

    public List<Permission> permissions() {
        return http.get("/api/v1/permissions", new TypeReference<>() { });
    }

    public Permission grant(Permission.Grant grant) {
        return http.read(http.post("/api/v1/permissions", grant), new TypeReference<>() { });
    }

    public void revoke(String permissionId) {
        http.delete("/api/v1/permissions/" + seg(permissionId));
    }

    // ---- quotas ----------------------------------------------------------------------------------

    public List<Quota> quotas() {
        return http.get("/api/v1/quotas", new TypeReference<>() { });
    }

    public Quota createQuota(Quota.Request request) {
        return http.read(http.post("/api/v1/quotas", request), new TypeReference<>() { });
    }

    public Quota updateQuota(String id, Quota.Request request) {
        return http.read(http.put("/api/v1/quotas/" + seg(id), request), new TypeReference<>() { });
    }

    public void deleteQuota(String id) {
        http.delete("/api/v1/quotas/" + seg(id));
    }

    /**
     * Whom the quota is for, as {kind, principal} ({@code USER}/{@code GROUP}): the engine's quota view
     * leaves it out, so it is read from the quota's creation in the audit log (one small request).
     */
}
