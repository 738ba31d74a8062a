package dev.vireo.engine.storage;

import dev.vireo.engine.agents.AgentCommands;
import dev.vireo.engine.agents.AgentUnavailableException;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.actions.ActionSupport;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DiskSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Attaching and detaching a VM's disks. Each attached disk gets a guest device: vda (the boot disk, first)
 * for the first disk of a stopped VM without one, else the first free of vdb … vdz. A stopped VM's disks
 * change in the database only (its next start defines the domain with all of them); a running or paused
 * VM's are hot-plugged by its host's agent. The disk is reserved first (so no other VM can take it), then
 * plugged; a failed plug gives it back. A hot-unplug is done only once the guest released the disk.
 * A disk belongs to one VM ({@link Disk#vmId}) unless it is shareable: then each VM that has it has a
 * {@link VmDiskAttachment} with its own guest device, never vda (a VM boots from a disk of its own).
 */
@ApplicationScoped
public class VmDisks {
    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static final Set<VmStatus> LIVE = Set.of(VmStatus.RUNNING, VmStatus.PAUSED);

    @Inject
    ActionSupport support;
    @Inject
    AgentCommands commands;
    @Inject
    EventLog events;

    private record Plan(String vmName, UUID hostId, DiskSpec spec, String diskName, boolean live) {
    }

    /** Its own disks and the shareable ones it has, by guest device. */
    public List<DiskView> list(UUID vmId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<DiskView> views = new ArrayList<>();
            Disk.<Disk>list("vmId", vmId).forEach(d -> views.add(DiskView.of(d)));
            for (VmDiskAttachment a : VmDiskAttachment.<VmDiskAttachment>list("vmId", vmId)) {
                views.add(DiskView.of(Disk.findById(a.diskId), a));
            }
            views.sort(Comparator.comparing(DiskView::target));
            return views;
        });
    }

    public DiskView attach(UUID vmId, UUID diskId, String actor) {
        Plan plan = QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = support.lock(vmId);
            boolean live = live(vm, "attached");
            Disk d = Disk.findById(diskId, LockModeType.PESSIMISTIC_WRITE);
            if (d == null) {
                throw ApiException.invalid("disk " + diskId + " does not exist");
            }
            if (d.templateBase) {
                throw ApiException.conflict("disk " + d.name + " is a template's base; create a VM from the template instead");
            }
            if (d.vmId != null || (d.shareable && VmDiskAttachment.of(vmId, diskId) != null)) {
                throw ApiException.conflict("disk " + d.name + " is attached to " + (d.shareable || vmId.equals(d.vmId)
                        ? "this" : "another") + " VM already" + (d.shareable ? "" : " (it is not shareable)"));
            }
            LocalDisks.requireAttachable(vm, d, live);
            String target;
            if (d.shareable) {
                target = target(vm, live, false);
                share(vm, d, target, actor);
            } else {
                target = target(vm, live, true);
                d.attachTo(vm, target);
            }
            events.info(actor, "vm.disk-attach", "vm", vm.id, vm.name, (d.shareable ? "shareable disk " : "disk ") + d.name
                    + " attached as " + target + (live ? " (hot-plug)" : ""));
            return new Plan(vm.name, vm.hostId, new DiskSpec(d.volumePath(), target, d.shareable), d.name, live);
        });
        if (plan.live()) {
            String why = send(plan, CommandAction.ATTACH_DISK, vmId);
            if (why != null) {
                QuarkusTransaction.requiringNew().run(() -> {
                    release(support.lock(vmId), diskId);
                    events.warn(actor, "vm.disk-attach-failed", "vm", vmId, plan.vmName(), "hot-plug of disk "
                            + plan.diskName() + " failed: " + why);
                });
                throw ApiException.conflict("hot-plugging disk " + plan.diskName() + " into VM " + plan.vmName()
                        + " failed: " + why);
            }
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Disk d = Disk.findById(diskId);
            VmDiskAttachment shared = d.shareable ? VmDiskAttachment.of(vmId, diskId) : null;
            return shared != null ? DiskView.of(d, shared) : DiskView.of(d);
        });
    }

    public void detach(UUID vmId, UUID diskId, String actor) {
        Plan plan = QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = support.lock(vmId);
            boolean live = live(vm, "detached");
            Disk d = Disk.findById(diskId, LockModeType.PESSIMISTIC_WRITE);
            VmDiskAttachment shared = d != null && d.shareable ? VmDiskAttachment.of(vmId, diskId) : null;
            if (d == null || (shared == null && !vmId.equals(d.vmId))) {
                throw ApiException.notFound("disk of VM " + vm.name, diskId);
            }
            String target = shared != null ? shared.target : d.target;
            if (live && Disk.BOOT_TARGET.equals(target)) {
                throw ApiException.conflict("disk " + d.name + " is VM " + vm.name + "'s boot disk; it is detached while "
                        + "the VM is down");
            }
            Plan p = new Plan(vm.name, vm.hostId, new DiskSpec(d.volumePath(), target, d.shareable), d.name, live);
            if (!live) {
                release(vm, diskId);
                events.info(actor, "vm.disk-detach", "vm", vm.id, vm.name, "disk " + d.name + " detached");
            }
            return p;
        });
        if (!plan.live()) {
            return;
        }
        String why = send(plan, CommandAction.DETACH_DISK, vmId);
        if (why != null) {
            throw ApiException.conflict("hot-unplugging disk " + plan.diskName() + " from VM " + plan.vmName()
                    + " failed (it stays attached): " + why);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            release(support.lock(vmId), diskId);
            events.info(actor, "vm.disk-detach", "vm", vmId, plan.vmName(), "disk " + plan.diskName() + " hot-unplugged");
        });
    }

    /** null when the agent did it; else why not. */
    private String send(Plan plan, CommandAction action, UUID vmId) {
        try {
            AgentMessage.Reply reply = commands.disk(plan.hostId(), action, vmId, plan.spec(), TIMEOUT)
                    .get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            return reply.ok() ? null : reply.error();
        } catch (AgentUnavailableException e) {
            return "the VM's host is not connected: " + e.getMessage();
        } catch (ExecutionException | TimeoutException e) {
            return AgentCommands.describe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** A shareable disk's row for this VM. Inside a transaction holding the VM's and the disk's locks. */
    private static void share(Vm vm, Disk d, String target, String actor) {
        VmDiskAttachment a = new VmDiskAttachment();
        a.id = UUID.randomUUID();
        a.vmId = vm.id;
        a.diskId = d.id;
        a.target = target;
        a.attachedAt = OffsetDateTime.now();
        a.attachedBy = actor;
        a.persist();
    }

    /** Takes the disk off the VM, whichever way it is attached; nothing if it is not. Inside a transaction. */
    private static void release(Vm vm, UUID diskId) {
        Disk d = Disk.findById(diskId, LockModeType.PESSIMISTIC_WRITE);
        if (d != null && vm.id.equals(d.vmId)) {
            d.detachFrom(vm);
        }
        VmDiskAttachment.delete("vmId = ?1 and diskId = ?2", vm.id, diskId);
    }

    /**
     * vda for a stopped VM's first disk (its boot disk) when {@code mayBoot}, else the first free of vdb … vdz
     * among its own disks and the shareable ones it has. Inside a transaction holding the VM's lock.
     */
    private static String target(Vm vm, boolean live, boolean mayBoot) {
        Set<String> used = new HashSet<>();
        Disk.<Disk>list("vmId", vm.id).forEach(d -> used.add(d.target));
        VmDiskAttachment.<VmDiskAttachment>list("vmId", vm.id).forEach(a -> used.add(a.target));
        if (mayBoot && !live && vm.bootDisk == null && !used.contains(Disk.BOOT_TARGET)) {
            return Disk.BOOT_TARGET;
        }
        for (char c = 'b'; c <= 'z'; c++) {
            if (!used.contains("vd" + c)) {
                return "vd" + c;
            }
        }
        throw ApiException.conflict("VM " + vm.name + " has " + used.size() + " disks, as many as it can have");
    }

    private static boolean live(Vm vm, String what) {
        if (vm.status == VmStatus.DOWN && vm.savedState != null) {
            // its saved memory expects the devices it had: a restore onto other disks would fail or corrupt them
            throw ApiException.conflict("VM " + vm.name + " is saved with its memory; start it before its disks are " + what);
        }
        if (vm.status == VmStatus.DOWN) {
            return false;
        }
        if (LIVE.contains(vm.status) && vm.hostId != null && vm.migratingToHostId == null) {
            return true;
        }
        throw ApiException.conflict("VM " + vm.name + " is " + vm.status + "; disks are " + what
                + " while it is down, running or paused");
    }
}
