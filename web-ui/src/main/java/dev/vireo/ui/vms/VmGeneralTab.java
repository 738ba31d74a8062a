package dev.vireo.ui.vms;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.vireo.ui.common.Facts;
import dev.vireo.ui.common.Formats;
import dev.vireo.ui.engine.Vm;

/** A VM's facts (owner, host, size, boot, times) and its actions, confirmed where destructive. */
class VmGeneralTab extends VerticalLayout {

    private final Facts facts = new Facts("vm-facts");

    VmGeneralTab(Vm vm, VmActions actions, Runnable afterDelete) {
        setPadding(false);
        add(actions.toolbar(vm, afterDelete), facts);
        show(vm, null);
    }

    void show(Vm vm, String clusterName) {
        facts.clear()
                .fact("Name", vm.name())
                .fact("Status", vm.status())
                .fact("Desired state", vm.desiredState())
                .fact("Owner", vm.owner())
                .fact("Host", vm.hostName() == null ? "—" : vm.hostName())
                .fact("Cluster", clusterName == null ? vm.clusterId() : clusterName)
                .fact("vCPUs", Formats.number(vm.vcpus()))
                .fact("Memory MiB", Formats.number(vm.memoryMiB()))
                .fact("Description", vm.description() == null || vm.description().isBlank() ? "—" : vm.description());
        if (vm.boot() != null) {
            if (vm.boot().kernel() != null) {
                facts.fact("Kernel", vm.boot().kernel()).fact("Command line", vm.boot().cmdline());
            }
            if (vm.boot().diskImage() != null) {
                facts.fact("Disk image", vm.boot().diskImage());
            }
        }
        facts.fact("Created", Formats.timestamp(vm.createdAt()))
                .fact("Updated", Formats.timestamp(vm.updatedAt()))
                .fact("ID", vm.id());
    }
}
