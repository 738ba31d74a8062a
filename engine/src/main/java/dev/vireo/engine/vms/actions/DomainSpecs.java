package dev.vireo.engine.vms.actions;

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
 * them per VM. Inside a transaction.
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
            Network.getEntityManager().createQuery(
                            // on an OVS cluster the NIC is an OVS port tagged with the network's VLAN
                            "select n.vmId, n.mac, w.bridge, n.model, w.mtu,"
                                    + " case when c.switchType = 'ovs' then 'openvswitch' else null end,"
                                    + " case when c.switchType = 'ovs' then w.vlanId else null end"
                                    + " from VmNic n, Network w, Cluster c where w.id = n.networkId and c.id = w.clusterId"
                                    + " and n.vmId in :vms order by n.createdAt, n.mac", Object[].class)
                    .setParameter("vms", ids).getResultList()
                    .forEach(r -> nics.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(new NicSpec(
                            (String) r[1], (String) r[2], (String) r[3], (Integer) r[4], (String) r[5], (Integer) r[6])));
            Disk.<Disk>list("vmId in ?1 and target <> ?2 order by target", ids, Disk.BOOT_TARGET)
                    .forEach(d -> disks.computeIfAbsent(d.vmId, k -> new ArrayList<>())
                            .add(new DiskSpec(d.volumePath(), d.target)));
            Disk.getEntityManager().createQuery("select a.vmId, a.target, d from VmDiskAttachment a, Disk d"
                            + " where d.id = a.diskId and a.vmId in :vms", Object[].class)
                    .setParameter("vms", ids).getResultList()
                    .forEach(r -> disks.computeIfAbsent((UUID) r[0], k -> new ArrayList<>())
                            .add(new DiskSpec(((Disk) r[2]).volumePath(), (String) r[1], true)));
            disks.values().forEach(l -> l.sort(Comparator.comparing(DiskSpec::target)));
        }
        Map<UUID, DomainSpec> specs = new HashMap<>();
        for (Vm vm : vms) {
            List<DiskSpec> own = disks.computeIfAbsent(vm.id, k -> new ArrayList<>());
            if (vm.cdromIsoId != null) {
                own.add(new DiskSpec(Isos.pathOf(vm.cdromIsoId), DiskSpec.CDROM_TARGET));
            }
            specs.put(vm.id, new DomainSpec(vm.id.toString(), vm.name, vm.description, vm.memoryMiB, vm.vcpus,
                    new BootSpec(vm.bootKernel, vm.bootInitrd, vm.bootCmdline, vm.bootDisk), null, vm.savedState,
                    nics.getOrDefault(vm.id, List.of()), own));
        }
        return specs;
    }
}
