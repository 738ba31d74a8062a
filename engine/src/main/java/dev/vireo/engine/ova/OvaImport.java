package dev.vireo.engine.ova;

import dev.vireo.engine.access.Caller;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.storage.Disk;
import dev.vireo.engine.storage.Disks;
import dev.vireo.engine.storage.StorageDomain;
import dev.vireo.engine.vms.BootPolicy;
import dev.vireo.engine.vms.CreateVmRequest;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmCatalog;
import dev.vireo.engine.vms.VmView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Imports an OVA as a new VM: the archive is read and its descriptor checked ({@link OvaArchive}), the disk is
 * streamed out into a work directory, an agent converts it to a qcow2 volume (refusing a file that is not the
 * format the OVF claims, or one that names other files), and the VM is created with the first disk as its boot
 * disk (vda) and the others as vdb, vdc …. Any
 * refusal leaves nothing behind: the work directory always goes, and a volume whose VM cannot be created
 * is removed by {@link Disks#create}.
 */
@ApplicationScoped
public class OvaImport {
    /** the {@link dev.vireo.engine.api.ObjectName} rule, for names that come from a file rather than a request */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,63}");

    @Inject
    Disks disks;
    @Inject
    VmCatalog catalog;
    @Inject
    BootPolicy bootPolicy;
    @Inject
    EventLog events;

    public VmView importAsVm(UUID ovaId, String name, UUID clusterId, Caller caller) {
        record Source(Path file, UUID domainId, Path dir, String ovaName) {
        }
        Source source = QuarkusTransaction.requiringNew().call(() -> {
            Ova o = Ova.findById(ovaId);
            if (o == null) {
                throw ApiException.notFound("OVA", ovaId);
            }
            if (!Ova.READY.equals(o.status)) {
                throw ApiException.conflict("OVA " + o.name + " is " + o.status);
            }
            return new Source(o.file(), o.storageDomainId, Ova.dir(StorageDomain.findById(o.storageDomainId)), o.name);
        });
        Path work = source.dir().resolve(UUID.randomUUID() + ".import");
        try {
            OvaArchive.Extracted x;
            try {
                x = OvaArchive.extract(source.file(), work);
            } catch (IOException e) {
                throw ApiException.conflict("cannot read OVA " + source.ovaName() + ": " + e.getMessage());
            }
            OvfDescriptor d = x.descriptor();
            String vmName = name != null ? name : d.name();
            if (!NAME.matcher(vmName).matches()) {
                throw new OvaException("the OVF names the VM " + TarReader.printable(vmName) + ", which is not a valid "
                        + "name (1 to 64 letters, digits, '.', '_' and '-'); give one with \"name\"");
            }
            if (d.disks().size() > 26) {
                throw new OvaException("the OVF has " + d.disks().size() + " disks; a VM has at most 26 (vda … vdz)");
            }
            boolean taken = QuarkusTransaction.requiringNew().call(() -> Vm.count("name", vmName) > 0);
            if (taken) {
                throw ApiException.conflict("a VM named '" + vmName + "' already exists");
            }
            BootPolicy.Boot boot = boot(d);
            CreateVmRequest request = new CreateVmRequest(vmName, description(d.description()), d.memoryMiB(), d.vcpus(),
                    clusterId, null, false, null, null, null, null);
            VmView vm;
            if (d.disks().isEmpty()) {
                vm = catalog.insert(request, caller, boot, v -> { });
            } else {
                OvfDescriptor.DiskRef ref = d.disks().get(0);
                VmView[] created = new VmView[1];
                disks.create(vmName + "-disk", source.domainId(), new Disks.Origin.Convert(x.diskFiles().get(0).toString(),
                        ref.format(), ref.capacityBytes()), false, caller.name(), disk -> {
                    created[0] = catalog.insert(request, caller, boot, v -> {
                        disk.attachTo(v, Disk.BOOT_TARGET);
                    });
                });
                vm = created[0];
                importMore(vm, d, x, source.domainId(), caller.name());
            }
            events.info(caller.name(), "vm.import", "vm", vm.id(), vm.name(), "imported from OVA " + source.ovaName()
                    + " (" + ovaId + ")");
            return vm;
        } finally {
            WorkDirs.deleteQuietly(work);
        }
    }

    /** The disks after the first become vdb, vdc …; if one fails, the new VM and its disks go again. */
    private void importMore(VmView vm, OvfDescriptor d, OvaArchive.Extracted x, UUID domainId, String actor) {
        try {
            for (int i = 1; i < d.disks().size(); i++) {
                OvfDescriptor.DiskRef ref = d.disks().get(i);
                String target = "vd" + (char) ('a' + i);
                disks.create(vm.name() + "-disk" + (i + 1), domainId, new Disks.Origin.Convert(
                        x.diskFiles().get(i).toString(), ref.format(), ref.capacityBytes()), false, actor,
                        created -> created.attachTo(Vm.findById(vm.id(), LockModeType.PESSIMISTIC_WRITE), target));
            }
        } catch (RuntimeException e) {
            List<UUID> all = QuarkusTransaction.requiringNew().call(() -> {
                Vm v = Vm.findById(vm.id(), LockModeType.PESSIMISTIC_WRITE);
                List<Disk> attached = Disk.list("vmId", vm.id());
                attached.forEach(disk -> disk.detachFrom(v));
                return attached.stream().map(disk -> disk.id).toList();
            });
            catalog.delete(vm.id(), actor);
            all.forEach(id -> disks.delete(id, actor));
            throw e;
        }
    }

    /**
     * Vireo's own boot section when the OVA has one (its paths checked like any request's: inside the image
     * directories); else the guest kit for a VM without disks, and the disk's own boot loader otherwise.
     */
    private BootPolicy.Boot boot(OvfDescriptor d) {
        if (d.boot() != null && d.boot().kernel() != null) {
            return new BootPolicy.Boot(bootPolicy.checked("the OVF's boot kernel", d.boot().kernel()),
                    bootPolicy.checked("the OVF's boot initrd", d.boot().initrd()), d.boot().cmdline(), null,
                    BootPolicy.Source.ADMIN);   // OVA import is for administrators only
        }
        if (d.disks().isEmpty()) {
            return bootPolicy.kit();
        }
        return new BootPolicy.Boot(null, null, null, null, BootPolicy.Source.DISKS);
    }

    private static String description(String text) {
        if (text == null) {
            return null;
        }
        String clean = text.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]", "");
        return clean.length() > 1024 ? clean.substring(0, 1024) : clean;
    }
}
