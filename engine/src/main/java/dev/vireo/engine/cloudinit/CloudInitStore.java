package dev.vireo.engine.cloudinit;

import dev.vireo.engine.vms.Vm;
import org.apache.commons.codec.digest.Sha2Crypt;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Keeps a new VM's cloud-init data: checked already ({@link CloudInitChecks}), the password hashed here. */
public final class CloudInitStore {
    public static final String DEFAULT_USER = "debian";

    private CloudInitStore() {
    }

    /** In the transaction that creates {@code vm}. */
    public static void keep(Vm vm, CloudInitRequest r) {
        VmCloudInit c = new VmCloudInit();
        c.vmId = vm.id;
        c.hostname = r.hostname() != null ? r.hostname() : CloudInitDocuments.hostnameOf(vm.name, vm.id);
        if (r.userData() != null) {
            c.userData = r.userData();
        } else {
            c.userName = r.user() != null ? r.user() : DEFAULT_USER;
            List<String> keys = r.sshAuthorizedKeys() == null ? List.of() : r.sshAuthorizedKeys();
            c.sshAuthorizedKeys = keys.isEmpty() ? null : String.join("\n", keys);
            c.passwordHash = r.password() != null ? Sha2Crypt.sha512Crypt(r.password().getBytes(StandardCharsets.UTF_8))
                    : r.passwordHash();
        }
        if (r.ip() != null) {
            c.ipAddress = r.ip().address();
            c.gateway = r.ip().gateway();
            c.dns = r.ip().dns() == null || r.ip().dns().isEmpty() ? null : String.join(",", r.ip().dns());
        }
        c.persist();
    }
}
