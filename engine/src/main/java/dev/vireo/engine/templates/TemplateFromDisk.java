package dev.vireo.engine.templates;

import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.storage.Disk;
import dev.vireo.engine.storage.VmDiskAttachment;
import dev.vireo.engine.vms.BootPolicy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A template over an imported OS image: the disk (an upload no VM uses) becomes the template's base as it is, with
 * no copy, and is never written to again. Its boot is the kernel and initrd an administrator names (the image's
 * own, beside it in the image directories) or, without a kernel, the disk's own boot loader.
 */
@ApplicationScoped
public class TemplateFromDisk {
    static final int DEFAULT_MEMORY_MIB = 1024;

    @Inject
    BootPolicy boot;
    @Inject
    EventLog events;

    public Template create(TemplateResource.CreateTemplate request, String actor) {
        String kernel = boot.checked("kernel", request.kernel());
        String initrd = boot.checked("initrd", request.initrd());
        if (kernel == null && (initrd != null || request.cmdline() != null)) {
            throw ApiException.invalid("initrd and cmdline need kernel");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Disk disk = Disk.findById(request.diskId(), LockModeType.PESSIMISTIC_WRITE);
            if (disk == null) {
                throw ApiException.invalid("disk " + request.diskId() + " does not exist");
            }
            if (disk.vmId != null || VmDiskAttachment.count("diskId", disk.id) > 0) {
                throw ApiException.conflict("disk " + disk.name + " is attached to a VM; a template's base is a disk no VM uses");
            }
            if (disk.templateBase || disk.backingDiskId != null || disk.shareable) {
                throw ApiException.conflict("disk " + disk.name + " is " + (disk.templateBase ? "already a template's base"
                        : disk.shareable ? "shareable" : "a thin clone") + "; a template's base is a standalone disk");
            }
            if (Template.count("name", request.name()) > 0) {
                throw ApiException.conflict("a template named '" + request.name() + "' already exists");
            }
            disk.templateBase = true;
            Template t = new Template();
            t.id = UUID.randomUUID();
            t.name = request.name();
            t.description = request.description();
            t.osName = request.osName();
            t.memoryMiB = request.memoryMiB() == null ? DEFAULT_MEMORY_MIB : request.memoryMiB();
            t.vcpus = request.vcpus() == null ? 1 : request.vcpus();
            t.bootKernel = kernel;
            t.bootInitrd = initrd;
            t.bootCmdline = kernel == null ? null : request.cmdline();
            t.diskId = disk.id;
            t.createdAt = OffsetDateTime.now();
            t.createdBy = actor;
            t.persistAndFlush();
            events.info(actor, "template.create", "template", t.id, t.name, "template made from disk " + disk.name
                    + (t.osName == null ? "" : " (" + t.osName + ")"));
            return t;
        });
    }
}
