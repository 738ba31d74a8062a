package dev.vireo.ui.vms;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.shared.Registration;
import dev.vireo.ui.common.Facts;
import dev.vireo.ui.common.Formats;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.GuestInfo;
import dev.vireo.ui.engine.ProvisioningClient;
import dev.vireo.ui.engine.Vm;

import java.util.stream.Collectors;

/**
 * A VM's facts (owner, host, size, boot, times) and its actions, confirmed where destructive; and what its guest
 * agent says (addresses, host name, OS), asked again every few seconds while the page shows.
 */
class VmGeneralTab extends VerticalLayout {
    static final int GUEST_POLL_MILLIS = 5000;

    private final Facts facts = new Facts("vm-facts");
    private final Facts guestFacts = new Facts("vm-guest");
    private final ProvisioningClient provisioning;
    private final VmActions.Toolbar toolbar;
    private final boolean admin;
    private String vmId;
    private Registration poll;

    /** @param admin whether host paths (kernel, disk image) are shown: they are of no use to others */
    VmGeneralTab(Vm vm, VmActions actions, Runnable afterDelete, ProvisioningClient provisioning, boolean admin) {
        this.provisioning = provisioning;
        this.admin = admin;
        this.vmId = vm.id();
        setPadding(false);
        toolbar = actions.toolbar(vm, afterDelete);
        add(toolbar, facts, new H4("Guest"), guestFacts);
        show(vm, null);
        showGuest();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        event.getUI().setPollInterval(GUEST_POLL_MILLIS);
        poll = event.getUI().addPollListener(e -> showGuest());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        if (poll != null) {
            poll.remove();
        }
    }

    void showGuest() {
        GuestInfo g;
        try {
            g = provisioning.guest(vmId);
        } catch (EngineException e) {
            guestFacts.clear().fact("Guest agent", "unknown: " + e.getMessage());
            return;
        }
        if (!g.agentConnected()) {
            guestFacts.clear().fact("Guest agent", "not running (or the VM is not running)");
            return;
        }
        String addresses = g.interfaces() == null ? "" : g.interfaces().stream()
                .filter(i -> !"lo".equals(i.name()))
                .flatMap(i -> i.addresses().stream().map(a -> a + " (" + i.name() + ")"))
                .collect(Collectors.joining(", "));
        guestFacts.clear()
                .fact("Guest agent", "running")
                .fact("IP addresses", addresses.isEmpty() ? "—" : addresses)
                .fact("Host name", Formats.text(g.hostname()))
                .fact("Operating system", Formats.text(g.osName()))
                .fact("Kernel", Formats.text(g.kernel()));
    }

    void show(Vm vm, String clusterName) {
        vmId = vm.id();
        toolbar.update(vm.status());
        facts.clear()
                .fact("Name", vm.name())
                .fact("Status", vm.status())
                .fact("Desired state", vm.desiredState())
                .fact("Owner", vm.owner())
                .fact("Host", vm.hostName() == null ? "—" : vm.hostName());
        if (clusterName != null) {
            facts.fact("Cluster", clusterName);
        }
        facts.fact("vCPUs", Formats.number(vm.vcpus()))
                .fact("Memory MiB", Formats.number(vm.memoryMiB()))
                .fact("Description", vm.description() == null || vm.description().isBlank() ? "—" : vm.description());
        if (admin && vm.boot() != null) {
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
