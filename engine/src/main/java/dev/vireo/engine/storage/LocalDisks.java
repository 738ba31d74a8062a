package dev.vireo.engine.storage;

import dev.vireo.engine.database.BulkSql;
import dev.vireo.engine.database.BulkSql.SqlArray;

import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.hosts.Host;
import dev.vireo.engine.vms.Vm;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Disks on non-shared storage domains: each volume is on one host ({@link Disk#hostId}), so a VM that has such
 * disks runs on that host (placement), takes no disk of another host's, and a live migration copies them.
 * Inside a transaction.
 */
public final class LocalDisks {
    private LocalDisks() {
    }

    /** A disk on a non-shared domain that a live migration copies to the destination (the volume moves with it). */
    public record Copied(UUID diskId, String name, String path, long sizeBytes, boolean shareable) {
    }

    /** The hosts holding the VMs' disks on non-shared storage, by VM (VMs without such disks are absent). */
    public static Map<UUID, Set<UUID>> hostsOf(Collection<UUID> vmIds) {
        Map<UUID, Set<UUID>> hosts = new HashMap<>();
        if (vmIds.isEmpty()) {
            return hosts;
        }
        SqlArray ids = SqlArray.uuids(List.copyOf(vmIds));
        List<Object[]> rows = BulkSql.query(Disk.getEntityManager(),
                "select d.vm_id, d.host_id from disks d where d.host_id is not null and d.vm_id = any(?)"
                        + " union all select a.vm_id, d.host_id from vm_disk_attachments a join disks d on d.id = a.disk_id"
                        + " where d.host_id is not null and a.vm_id = any(?)", ids, ids);
        rows.forEach(r -> hosts.computeIfAbsent((UUID) r[0], k -> new HashSet<>()).add((UUID) r[1]));
        return hosts;
    }

    /**
     * Refuses a disk on one host's non-shared storage for a VM that runs, or whose other such disks are, on
     * another host: it could never see the volume.
     */
    public static void requireAttachable(Vm vm, Disk disk, boolean live) {
        if (disk.hostId == null) {
            return;
        }
        if (live && !disk.hostId.equals(vm.hostId)) {
            throw ApiException.conflict("disk " + disk.name + " is on non-shared storage of host " + hostName(disk.hostId)
                    + ", and VM " + vm.name + " runs on host " + hostName(vm.hostId) + "; migrate the VM there first");
        }
        Set<UUID> others = hostsOf(List.of(vm.id)).getOrDefault(vm.id, Set.of());
        for (UUID other : others) {
            if (!other.equals(disk.hostId)) {
                throw ApiException.conflict("disk " + disk.name + " is on non-shared storage of host "
                        + hostName(disk.hostId) + ", and VM " + vm.name + " has disks on non-shared storage of host "
                        + hostName(other) + "; one VM's disks on non-shared storage must be on one host");
            }
        }
    }

    /**
     * The VM's disks on non-shared storage, which a live migration copies; a shareable one cannot be copied (other
     * VMs may write to it while it moves): a 409 naming it.
     */
    public static List<Copied> toCopy(Vm vm) {
        List<Copied> copied = new java.util.ArrayList<>();
        for (Disk d : Disk.<Disk>list("vmId = ?1 and hostId is not null order by target", vm.id)) {
            copied.add(new Copied(d.id, d.name, d.volumePath(), d.sizeBytes, false));
        }
        List<Disk> shared = Disk.getEntityManager().createQuery("select d from VmDiskAttachment a, Disk d"
                + " where d.id = a.diskId and a.vmId = :vm and d.hostId is not null order by a.target", Disk.class)
                .setParameter("vm", vm.id).getResultList();
        if (!shared.isEmpty()) {
            throw ApiException.conflict("VM " + vm.name + " has shareable disk(s) " + String.join(", ",
                    shared.stream().map(d -> d.name).toList()) + " on non-shared storage; a live migration cannot copy a "
                    + "disk other VMs may write to meanwhile (detach it, or keep shareable disks on a shared domain)");
        }
        return copied;
    }

    static String hostName(UUID hostId) {
        Host h = hostId == null ? null : Host.findById(hostId);
        return h == null ? String.valueOf(hostId) : h.name;
    }
}
