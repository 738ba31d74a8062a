package dev.vireo.engine.storage;

import dev.vireo.engine.agents.AgentCommands;
import dev.vireo.engine.agents.AgentUnavailableException;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DiskSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.Duration;
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
 */
@ApplicationScoped
public class VmDisks {
    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static final Set<VmStatus> LIVE = Set.of(VmStatus.RUNNING, VmStatus.PAUSED);

    @Inject
    AgentCommands commands;
    @Inject
    EventLog events;

    private record Plan(String vmName, UUID hostId, DiskSpec spec, String diskName, boolean live) {
    }

    public List<DiskView> list(UUID vmId) {
        return QuarkusTransaction.requiringNew().call(() -> Disk.<Disk>list("vmId = ?1 order by target", vmId).stream()
                .map(DiskView::of).toList());
    }

    public DiskView attach(UUID vmId, UUID diskId, String actor) {
        Plan plan = QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = lockVm(vmId);
            boolean live = live(vm, "attached");
            Disk d = Disk.findById(diskId, LockModeType.PESSIMISTIC_WRITE);
            if (d == null) {
                throw ApiException.invalid("disk " + diskId + " does not exist");
            }
            if (d.templateBase) {
                throw ApiException.conflict("disk " + d.name + " is a template's base; create a VM from the template instead");
            }
            if (d.vmId != null) {
                throw ApiException.conflict("disk " + d.name + " is attached to " + (vmId.equals(d.vmId) ? "this" : "another")
                        + " VM already");
            }
            d.attachTo(vm, target(vm, live));
            events.info(actor, "vm.disk-attach", "vm", vm.id, vm.name, "disk " + d.name + " attached as " + d.target
                    + (live ? " (hot-plug)" : ""));
            return new Plan(vm.name, vm.hostId, new DiskSpec(d.volumePath(), d.target), d.name, live);
        });
        if (plan.live()) {
            String why = send(plan, CommandAction.ATTACH_DISK, vmId);
            if (why != null) {
                QuarkusTransaction.requiringNew().run(() -> {
                    Vm vm = lockVm(vmId);
                    Disk d = Disk.findById(diskId, LockModeType.PESSIMISTIC_WRITE);
                    if (d != null && vmId.equals(d.vmId)) {
                        d.detachFrom(vm);
                    }
                    events.warn(actor, "vm.disk-attach-failed", "vm", vmId, plan.vmName(), "hot-plug of disk "
                            + plan.diskName() + " failed: " + why);
                });
                throw ApiException.conflict("hot-plugging disk " + plan.diskName() + " into VM " + plan.vmName()
                        + " failed: " + why);
            }
        }
        return QuarkusTransaction.requiringNew().call(() -> DiskView.of(Disk.findById(diskId)));
    }

    public void detach(UUID vmId, UUID diskId, String actor) {
        Plan plan = QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = lockVm(vmId);
            boolean live = live(vm, "detached");
            Disk d = Disk.findById(diskId, LockModeType.PESSIMISTIC_WRITE);
            if (d == null || !vmId.equals(d.vmId)) {
                throw ApiException.notFound("disk of VM " + vm.name, diskId);
            }
            if (live && Disk.BOOT_TARGET.equals(d.target)) {
                throw ApiException.conflict("disk " + d.name + " is VM " + vm.name + "'s boot disk; it is detached while "
                        + "the VM is down");
            }
            Plan p = new Plan(vm.name, vm.hostId, new DiskSpec(d.volumePath(), d.target), d.name, live);
            if (!live) {
                d.detachFrom(vm);
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
            Vm vm = lockVm(vmId);
            Disk d = Disk.findById(diskId, LockModeType.PESSIMISTIC_WRITE);
            if (d != null && vmId.equals(d.vmId)) {
                d.detachFrom(vm);
            }
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

    /** vda for a stopped VM's first disk (its boot disk), else the first free of vdb … vdz. */
    private static String target(Vm vm, boolean live) {
        Set<String> used = new HashSet<>();
        Disk.<Disk>list("vmId", vm.id).forEach(d -> used.add(d.target));
        if (!live && vm.bootDisk == null && !used.contains(Disk.BOOT_TARGET)) {
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

    private static Vm lockVm(UUID vmId) {
        Vm vm = Vm.findById(vmId, LockModeType.PESSIMISTIC_WRITE);
        if (vm == null) {
            throw ApiException.notFound("VM", vmId);
        }
        return vm;
    }
}
