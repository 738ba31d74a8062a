package dev.vireo.engine.ova;

import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.jobs.Job;
import dev.vireo.engine.jobs.Jobs;
import dev.vireo.engine.storage.Disk;
import dev.vireo.engine.storage.VmDiskAttachment;
import dev.vireo.engine.storage.StorageDomain;
import dev.vireo.engine.storage.VolumeOps;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.VolumeSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exports a stopped VM as an OVA, as a job: an agent converts each disk into a streamOptimized vmdk (flattening
 * a thin clone's chain), then the engine streams the OVF descriptor and the vmdks into
 * {@code <domain>/ova/<id>.ova.partial} and renames it when complete. The VM's disks are read by qemu-img,
 * which holds their image lock, so a start racing the export fails one of the two rather than copying a
 * disk in use. Exports run one at a time: they are disk-bound.
 */
@ApplicationScoped
public class OvaExport {
    private static final Logger LOG = Logger.getLogger(OvaExport.class);

    @Inject
    Jobs jobs;
    @Inject
    VolumeOps volumes;
    @Inject
    EventLog events;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ova-export");
        t.setDaemon(true);
        return t;
    });

    /** What the export job needs, read in the transaction that began it. */
    private record Plan(UUID ovaId, UUID jobId, String vmName, OvfDescriptor descriptor, List<String> diskPaths,
                        Path dir, String actor, UUID vmId) {
    }

    public record Begun(Job job, UUID ovaId) {
    }

    public Begun begin(UUID vmId, UUID storageDomainId, String actor) {
        Plan[] plan = new Plan[1];
        Job job = QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = Vm.findById(vmId, LockModeType.PESSIMISTIC_WRITE);
            if (vm == null) {
                throw ApiException.notFound("VM", vmId);
            }
            if (vm.status != VmStatus.DOWN) {
                throw ApiException.conflict("VM " + vm.name + " is " + vm.status + "; an OVA is exported from a stopped VM");
            }
            if (Ova.count("sourceVmId = ?1 and status = ?2", vm.id, Ova.EXPORTING) > 0) {
                throw ApiException.conflict("VM " + vm.name + " is being exported already");
            }
            StorageDomain domain = StorageDomain.findById(storageDomainId);
            if (domain == null) {
                throw ApiException.invalid("storage domain " + storageDomainId + " does not exist");
            }
            VmDiskAttachment.refuseShared(vm.id, vm.name, "OVA export does not cover");
            // by guest device, so the boot disk (vda) comes first: an importer boots from the first disk
            List<Disk> disks = Disk.list("vmId = ?1 order by target", vm.id);
            Ova o = new Ova();
            o.id = UUID.randomUUID();
            o.name = vm.name;
            o.storageDomainId = domain.id;
            o.fileName = o.id + ".ova";
            o.status = Ova.EXPORTING;
            o.sourceVmId = vm.id;
            o.createdAt = OffsetDateTime.now();
            o.createdBy = actor;
            o.persist();
            Job j = jobs.begin("export", actor, vm.id, null, "exporting " + vm.name + " as an OVA");
            List<OvfDescriptor.DiskRef> refs = disks.stream()
                    .map(d -> new OvfDescriptor.DiskRef(null, -1, d.sizeBytes, "vmdk")).toList();
            OvfDescriptor.Boot boot = vm.bootKernel == null ? null
                    : new OvfDescriptor.Boot(vm.bootKernel, vm.bootInitrd, vm.bootCmdline);
            plan[0] = new Plan(o.id, j.id, vm.name, new OvfDescriptor(vm.name, vm.description, vm.memoryMiB, vm.vcpus,
                    refs, boot), disks.stream().map(Disk::volumePath).toList(), Ova.dir(domain), actor, vm.id);
            events.info(actor, "vm.export", "vm", vm.id, vm.name, "export as OVA " + o.id + " begun ("
                    + disks.size() + " disk(s))");
            return j;
        });
        worker.submit(() -> run(plan[0]));
        return new Begun(job, plan[0].ovaId());
    }

    private void run(Plan plan) {
        long t0 = System.nanoTime();
        Path work = plan.dir().resolve(plan.ovaId() + ".work");
        Path partial = plan.dir().resolve(plan.ovaId() + ".ova.partial");
        Path done = plan.dir().resolve(plan.ovaId() + ".ova");
        try {
            Files.createDirectories(work);
            int n = plan.diskPaths().size();
            List<Path> vmdks = new ArrayList<>();
            List<OvfDescriptor.DiskRef> refs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                jobs.progress(plan.jobId(), 10 + 50 * i / n, "converting disk " + (i + 1) + " of " + n + " to a streamOptimized vmdk");
                UUID workId = UUID.randomUUID();
                Path vmdk = work.resolve(workId + ".vmdk");
                volumes.run(CommandAction.COPY_VOLUME, workId, VolumeSpec.exportVmdk(vmdk.toString(), plan.diskPaths().get(i)));
                vmdks.add(vmdk);
                OvfDescriptor.DiskRef ref = plan.descriptor().disks().get(i);
                OvfDescriptor.DiskRef sized = new OvfDescriptor.DiskRef(null, Files.size(vmdk), ref.capacityBytes(), "vmdk");
                refs.add(new OvfDescriptor.DiskRef(OvfWriter.entryName(i + 1, sized), sized.fileSize(), sized.capacityBytes(), "vmdk"));
            }
            OvfDescriptor d = plan.descriptor();
            byte[] ovf = OvfWriter.write(new OvfDescriptor(d.name(), d.description(), d.memoryMiB(), d.vcpus(), refs, d.boot()));
            long total = ovf.length + refs.stream().mapToLong(OvfDescriptor.DiskRef::fileSize).sum();
            jobs.progress(plan.jobId(), 60, "writing the OVA");
            AtomicLong written = new AtomicLong();
            AtomicLong reported = new AtomicLong();
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 20)) {
                TarWriter tar = new TarWriter(out);
                tar.add("vm.ovf", ovf.length, new ByteArrayInputStream(ovf), written::addAndGet);
                for (int i = 0; i < vmdks.size(); i++) {
                    try (InputStream in = Files.newInputStream(vmdks.get(i))) {
                        tar.add(refs.get(i).fileHref(), refs.get(i).fileSize(), in, bytes -> {
                            long now = written.addAndGet(bytes);
                            int pct = (int) (60 + 35 * now / Math.max(1, total));
                            if (pct > reported.get()) {
                                reported.set(pct);
                                jobs.progress(plan.jobId(), pct, "writing the OVA (" + (now >> 20) + " of " + (total >> 20) + " MiB)");
                            }
                        });
                    }
                }
                tar.close();
                out.flush();
                channel.force(true);
            }
            Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
            long size = Files.size(done);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            QuarkusTransaction.requiringNew().run(() -> {
                Ova o = Ova.findById(plan.ovaId());
                o.status = Ova.READY;
                o.sizeBytes = size;
                events.info(plan.actor(), "vm.export-done", "vm", plan.vmId(), plan.vmName(),
                        "exported as OVA " + o.id + " (" + (size >> 20) + " MiB) in " + ms + " ms");
            });
            jobs.succeed(plan.jobId(), "OVA " + plan.ovaId() + " written: " + size + " bytes in " + ms + " ms");
        } catch (RuntimeException | IOException e) {
            String why = e instanceof ApiException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.warnf("export of VM %s as OVA %s failed: %s", plan.vmName(), plan.ovaId(), why);
            deleteQuietly(partial);
            QuarkusTransaction.requiringNew().run(() -> {
                Ova o = Ova.findById(plan.ovaId());
                if (o != null) {
                    o.status = Ova.FAILED;
                    o.message = why;
                }
                events.error(plan.actor(), "vm.export-failed", "vm", plan.vmId(), plan.vmName(), "export as OVA failed: " + why);
            });
            jobs.fail(plan.jobId(), why);
        } finally {
            WorkDirs.deleteQuietly(work);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a .partial file is never offered for download or import
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
