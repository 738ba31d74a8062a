package dev.vireo.engine.vms;

import java.time.OffsetDateTime;
import java.util.UUID;

public record VmView(UUID id, String name, String description, UUID clusterId, VmStatus status,
                     DesiredState desiredState, UUID hostId, String hostName, UUID migratingToHostId, int memoryMiB, int vcpus, boolean highlyAvailable,
                     BootView boot, String owner, boolean saved, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                     String cpuModel) {

    public record BootView(String kernel, String initrd, String cmdline, String diskImage) {
    }

    public static VmView of(Vm vm, String hostName) {
        return new VmView(vm.id, vm.name, vm.description, vm.clusterId, vm.status, vm.desiredState, vm.hostId,
                hostName, vm.migratingToHostId, vm.memoryMiB, vm.vcpus, vm.highlyAvailable,
                new BootView(vm.bootKernel, vm.bootInitrd, vm.bootCmdline, vm.bootDisk), vm.owner, vm.savedState != null, vm.createdAt, vm.updatedAt,
                vm.cpuModel);
    }
}
