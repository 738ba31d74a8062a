package dev.vireo.engine.templates;

import dev.vireo.engine.access.Caller;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.storage.Disk;
import dev.vireo.engine.storage.Disks;
import dev.vireo.engine.vms.BootPolicy;
import dev.vireo.engine.vms.CreateVmRequest;
import dev.vireo.engine.vms.VmCatalog;
import dev.vireo.engine.vms.VmView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Creates a VM from a template: its boot from the template; its disk a thin clone of the template's base
 * (copy-on-write, made in milliseconds whatever the size) or a full copy. The clone's volume is made
 * first; if the VM cannot be created (name taken, quota) the volume is removed again.
 */
@ApplicationScoped
public class VmFromTemplate {
    @Inject
    VmCatalog catalog;
    @Inject
    Disks disks;

    public VmView create(CreateVmRequest request, Caller caller) {
        if (request.boot() != null) {
            throw ApiException.invalid("boot comes from the template; leave it out when templateId is given");
        }
        record Found(Template template, Disk base) {
        }
        Found found = QuarkusTransaction.requiringNew().call(() -> {
            Template t = Template.findById(request.templateId());
            if (t == null) {
                throw ApiException.invalid("template " + request.templateId() + " does not exist");
            }
            return new Found(t, t.diskId == null ? null : Disk.findById(t.diskId));
        });
        Template t = found.template();
        BootPolicy.Boot boot = new BootPolicy.Boot(t.bootKernel, t.bootInitrd, t.bootCmdline, null,
                BootPolicy.Source.TEMPLATE);
        if (found.base() == null) {
            return catalog.insert(request, caller, boot, vm -> { });
        }
        Disks.Origin origin = request.cloneMode() == CreateVmRequest.CloneMode.FULL
                ? new Disks.Origin.Copy(found.base()) : new Disks.Origin.ThinClone(found.base());
        VmView[] created = new VmView[1];
        disks.create(request.name() + "-disk", found.base().storageDomainId, origin, false, caller.name(), disk -> {
            created[0] = catalog.insert(request, caller, boot, vm -> {
                disk.attachTo(vm, Disk.BOOT_TARGET);
            });
        });
        return created[0];
    }
}
