package dev.vireo.engine.guest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vireo.engine.access.CurrentCaller;
import dev.vireo.engine.access.Role;
import dev.vireo.engine.access.VmAccess;
import dev.vireo.engine.database.BulkSql;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.protocol.GuestInfo;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /vms/{id}/guest}: what the VM's guest agent says (addresses, host name, OS and kernel), for anyone
 * who may use the VM. While the VM does not run, or before its guest agent answered, {@code agentConnected} is
 * false and the rest is empty: an address from a previous boot is not shown as current.
 */
@Path("/api/v1/vms/{id}/guest")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class GuestInfoResource {

    public record GuestView(boolean agentConnected, String hostname, String osName, String kernel,
                            List<GuestInfo.Interface> interfaces, OffsetDateTime updatedAt) {
        static GuestView none() {
            return new GuestView(false, null, null, null, List.of(), null);
        }
    }

    @Inject
    CurrentCaller caller;
    @Inject
    VmAccess access;
    @Inject
    ObjectMapper json;

    @GET
    public GuestView get(@PathParam("id") UUID id) throws Exception {
        access.require(caller.get(), id, Role.USER);
        Object[] row = QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> rows = BulkSql.query(Vm.getEntityManager(), "select g.agent_connected, g.hostname, g.os_name,"
                    + " g.kernel, g.interfaces, g.updated_at, v.status from vms v join vm_guest_info g on g.vm_id = v.id"
                    + " where v.id = ?", id);
            return rows.isEmpty() ? null : rows.get(0);
        });
        if (row == null || !VmStatus.RUNNING.name().equals(row[6]) || !Boolean.TRUE.equals(row[0])) {
            return GuestView.none();
        }
        List<GuestInfo.Interface> interfaces = row[4] == null ? List.of()
                : json.readValue((String) row[4], new TypeReference<List<GuestInfo.Interface>>() { });
        OffsetDateTime updated = row[5] instanceof java.time.Instant i ? i.atOffset(java.time.ZoneOffset.UTC)
                : row[5] instanceof OffsetDateTime o ? o : null;
        return new GuestView(true, (String) row[1], (String) row[2], (String) row[3], interfaces, updated);
    }
}
