package dev.vireo.engine.vms;

import dev.vireo.engine.access.Caller;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.templates.Template;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Whether a plain user may start a VM, as far as its boot goes. A VM made since boot sources are recorded was
 * vouched for when it was made ({@link BootPolicy}). One made before may name any file in the image directories
 * (another user's disk, a template's base, saved memory): a plain user may start it only when its boot is the
 * guest kit's or a template's; administrators may start any.
 */
@ApplicationScoped
public class BootTrust {
    @Inject
    BootPolicy policy;

    /** The refusal for each of these VMs that {@code caller} may not start because of its boot; absent VMs are skipped. */
    public Map<UUID, ApiException> refusals(Caller caller, List<UUID> vmIds) {
        Map<UUID, ApiException> refused = new HashMap<>();
        if (caller.admin() || vmIds.isEmpty()) {
            return refused;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            List<Vm> unvouched = Vm.list("id in ?1 and bootSource is null", vmIds);
            if (unvouched.isEmpty()) {
                return;
            }
            List<Template> templates = Template.listAll();
            for (Vm vm : unvouched) {
                if (!vouched(vm, templates)) {
                    refused.put(vm.id, refusal(vm));
                }
            }
        });
        return refused;
    }

    public void require(Caller caller, UUID vmId) {
        ApiException refusal = refusals(caller, List.of(vmId)).get(vmId);
        if (refusal != null) {
            throw refusal;
        }
    }

    private boolean vouched(Vm vm, List<Template> templates) {
        if (vm.bootDisk != null) {
            return false;
        }
        return policy.isKit(vm.bootKernel, vm.bootInitrd) || templates.stream().anyMatch(t ->
                t.bootKernel != null && t.bootKernel.equals(vm.bootKernel) && Objects.equals(t.bootInitrd, vm.bootInitrd));
    }

    private static ApiException refusal(Vm vm) {
        return new ApiException(403, "Forbidden", "VM " + vm.name + " boots from host paths given when users could "
                + "still name them (" + (vm.bootDisk != null ? "disk image " + vm.bootDisk : "kernel " + vm.bootKernel)
                + "); only an administrator may start it: ask one to start it or to recreate it from a template");
    }
}
