package dev.vireo.engine.guest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vireo.engine.database.BulkSql;
import dev.vireo.engine.vms.Vm;
import dev.vireo.protocol.GuestInfo;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Keeps what a running VM's guest agent last said. A host speaks only for the VMs the engine has on it: a
 * report about any other VM changes nothing. Guest text is bounded again here (a host is no more trusted than
 * its guests) and kept apart from the VM row, so these frequent writes never race the VM's own updates.
 */
@ApplicationScoped
public class GuestReports {
    private static final Logger LOG = Logger.getLogger(GuestReports.class);

    @Inject
    ObjectMapper json;

    public void store(UUID hostId, GuestInfo info) {
        UUID vmId;
        try {
            vmId = UUID.fromString(info.vmId());
        } catch (RuntimeException e) {
            LOG.warnf("host %s sent a guest report for '%s', which is no VM id; ignored", hostId, GuestInfo.text(info.vmId()));
            return;
        }
        String interfaces = interfaces(info);
        int rows = QuarkusTransaction.requiringNew().call(() -> BulkSql.execute(Vm.getEntityManager(),
                "insert into vm_guest_info (vm_id, agent_connected, hostname, os_name, kernel, interfaces, updated_at)"
                        + " select v.id, ?, ?, ?, ?, ?, now() from vms v where v.id = ? and v.host_id = ?"
                        + " on conflict (vm_id) do update set agent_connected = excluded.agent_connected,"
                        + " hostname = excluded.hostname, os_name = excluded.os_name, kernel = excluded.kernel,"
                        + " interfaces = excluded.interfaces, updated_at = excluded.updated_at",
                info.agentConnected(), GuestInfo.text(info.hostname()), GuestInfo.text(info.osName()), GuestInfo.text(info.kernel()),
                interfaces, vmId, hostId));
        if (rows == 0) {
            LOG.debugf("host %s reported the guest of VM %s, which the engine does not have on it; ignored", hostId, vmId);
        }
    }

    private String interfaces(GuestInfo info) {
        List<GuestInfo.Interface> out = new ArrayList<>();
        for (GuestInfo.Interface nic : info.interfaces()) {
            if (out.size() == GuestInfo.MAX_INTERFACES) {
                break;
            }
            out.add(new GuestInfo.Interface(GuestInfo.text(nic.name()), GuestInfo.text(nic.mac()), nic.addresses().stream()
                    .limit(GuestInfo.MAX_ADDRESSES).map(GuestInfo::text).toList()));
        }
        try {
            return json.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
