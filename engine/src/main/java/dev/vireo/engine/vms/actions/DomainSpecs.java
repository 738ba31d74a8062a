package dev.vireo.engine.vms.actions;

import dev.vireo.engine.cloudinit.CloudInitDocuments;
import dev.vireo.engine.cloudinit.VmCloudInit;
import dev.vireo.engine.database.BulkSql;
import dev.vireo.engine.database.BulkSql.SqlArray;
import dev.vireo.engine.isos.Isos;
import dev.vireo.engine.network.Network;
import dev.vireo.engine.storage.Disk;
import dev.vireo.engine.vms.Vm;
import dev.vireo.protocol.BootSpec;
import dev.vireo.protocol.DiskSpec;
import dev.vireo.protocol.DomainSpec;
import dev.vireo.protocol.NicSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an agent needs to define a VM's domain, read from the database: NICs from vm_nics and their
 * networks (oldest first, so eth0 stays eth0), disks after the boot disk by guest device (its own and the
 * shareable ones it has), the CD-ROM. Reads many VMs in four queries, so a placement batch does not pay
 * them per VM (and one more for the VMs' cloud-init seeds). Inside a transaction.
 */
final class DomainSpecs {
    private DomainSpecs() {
    }

    static DomainSpec of(Vm vm) {
        return of(List.of(vm)).get(vm.id);
    }

    static Map<UUID, DomainSpec> of(Collection<Vm> vms) {
        List<UUID> ids = vms.stream().map(v -> v.id).toList();
        Map<UUID, List<NicSpec>> nics = new HashMap<>();
        Map<UUID, List<DiskSpec>> disks = new HashMap<>();
        if (!ids.isEmpty()) {
            // each query takes the VMs as one array parameter: the same statement for any batch size
            SqlArray vmIds = SqlArray.uuids(ids);
            // on an OVS cluster the NIC is an OVS port tagged with the network's VLAN
            BulkSql.query(Network.getEntityManager(), "select n.vm_id, n.mac, w.bridge, n.model, w.mtu,"
                            + " case when c.switch_type = 'ovs' then 'openvswitch' end,"
                            + " case when c.switch_type = 'ovs' then w.vlan_id end"
                            + " from vm_nics n join networks w on w.id = n.network_id join clusters c on c.id = w.cluster_id"
                            + " where n.vm_id = any(?) order by n.created_at, n.mac", vmIds)
                    .forEach(r -> nics.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(new NicSpec(
                            (String) r[1], (String) r[2], (String) r[3], (Integer) r[4], (String) r[5], (Integer) r[6])));
            // its own disks after the boot disk, and the shareable ones attached to it
            List<Object[]> placed = BulkSql.query(Disk.getEntityManager(),
                    "select d.vm_id, d.target, d.id, false from disks d where d.vm_id = any(?) and d.target <> ?"
                            + " union all select a.vm_id, a.target, a.disk_id, true from vm_disk_attachments a where a.vm_id = any(?)",
                    vmIds, Disk.BOOT_TARGET, vmIds);
            if (!placed.isEmpty()) {
                Map<UUID, Disk> byId = new HashMap<>();
                Disk.<Disk>list("id in ?1", placed.stream().map(r -> (UUID) r[2]).distinct().toList())
                        .forEach(d -> byId.put(d.id, d));
                for (Object[] r : placed) {
                    disks.computeIfAbsent((UUID) r[0], k -> new ArrayList<>())
                            .add(new DiskSpec(byId.get((UUID) r[2]).volumePath(), (String) r[1], (Boolean) r[3]));
                }
            }
            disks.values().forEach(l -> l.sort(Comparator.comparing(DiskSpec::target)));
        }
        Map<UUID, VmCloudInit> seeds = new HashMap<>();
        if (!ids.isEmpty()) {
            VmCloudInit.<VmCloudInit>list("vmId in ?1", ids).forEach(c -> seeds.put(c.vmId, c));
        }
        Map<UUID, DomainSpec> specs = new HashMap<>();
        for (Vm vm : vms) {
            List<DiskSpec> own = disks.computeIfAbsent(vm.id, k -> new ArrayList<>());
            if (vm.cdromIsoId != null) {
                own.add(new DiskSpec(Isos.pathOf(vm.cdromIsoId), DiskSpec.CDROM_TARGET));
            }
            List<NicSpec> vmNics = nics.getOrDefault(vm.id, List.of());
            VmCloudInit seed = seeds.get(vm.id);
            specs.put(vm.id, new DomainSpec(vm.id.toString(), vm.name, vm.description, vm.memoryMiB, vm.vcpus,
                    new BootSpec(vm.bootKernel, vm.bootInitrd, vm.bootCmdline, vm.bootDisk), null, vm.savedState,
                    vmNics, own, seed == null ? null : CloudInitDocuments.render(seed, vmNics.isEmpty() ? null : vmNics.get(0).mac()),
                    vm.effectiveCpuModel()));
        }
        return specs;
    }
}
