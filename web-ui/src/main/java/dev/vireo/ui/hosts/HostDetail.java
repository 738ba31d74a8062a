package dev.vireo.ui.hosts;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import dev.vireo.ui.common.Confirm;
import dev.vireo.ui.common.EngineGuard;
import dev.vireo.ui.common.Facts;
import dev.vireo.ui.common.Formats;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.Host;
import dev.vireo.ui.engine.HostStatus;
import dev.vireo.ui.engine.Vm;
import dev.vireo.ui.network.HostNetworkPanel;
import java.time.OffsetDateTime;

/**
 * One host: its facts, Maintenance and Activate (both confirmed; maintenance of a host with VMs
 * live-migrates them away as a job), and the VMs on it (tab Overview); its NICs and network setup (tab Network).
 */
class HostDetail extends VerticalLayout {

    private final EngineClient engine;
    private final Runnable afterChange;
    private final H3 title = new H3();
    private final Facts facts = new Facts("host-facts");
    private final Button maintenance = new Button("Maintenance");
    private final Button activate = new Button("Activate");
    private final Grid<Vm> vms = new Grid<>();
    private final Span vmsNote = new Span();
    private final TabSheet tabs = new TabSheet();
    private final HostNetworkPanel network;
    private final Tab networkTab;
    private Host host;

    HostDetail(EngineClient engine, EngineGuard guard, Runnable afterChange) {
        this.engine = engine;
        this.afterChange = afterChange;
        this.network = new HostNetworkPanel(engine, guard);
        setId("host-detail");
        setPadding(false);
        title.setId("host-detail-name");
        maintenance.setId("host-maintenance");
        maintenance.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        maintenance.addClickListener(e -> Confirm.ask("host-confirm", "Put " + host.name() + " into maintenance?",
                "No new VMs will start on " + host.name() + "; its running VMs are live-migrated to other hosts first.",
                "Maintenance", this::toMaintenance));
        activate.setId("host-activate");
        activate.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        activate.addClickListener(e -> Confirm.ask("host-confirm", "Activate " + host.name() + "?",
                "The scheduler may place VMs on " + host.name() + " again.", "Activate", this::activate));

        vms.setId("host-vms");
        vms.setSelectionMode(Grid.SelectionMode.NONE);
        vms.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        vms.setAllRowsVisible(true);
        vms.setEmptyStateText("No VMs run here");
        vms.addColumn(LitRenderer.<Vm>of("<a href=\"vms/${item.id}\">${item.name}</a>")
                .withProperty("id", Vm::id).withProperty("name", Vm::name)).setHeader("VM").setFlexGrow(2);
        vms.addColumn(vm -> Formats.text(vm.status())).setHeader("Status").setAutoWidth(true).setFlexGrow(0);
        vms.addColumn(Vm::owner).setHeader("Owner").setFlexGrow(1);
        vms.addColumn(vm -> Formats.number(vm.vcpus())).setHeader("vCPUs").setAutoWidth(true).setFlexGrow(0);
        vms.addColumn(vm -> Formats.number(vm.memoryMiB())).setHeader("Memory MiB").setAutoWidth(true).setFlexGrow(0);
        vmsNote.addClassName("vireo-muted");

        HorizontalLayout head = new HorizontalLayout(title, maintenance, activate);
        head.setAlignItems(Alignment.CENTER);
        H3 vmsTitle = new H3("VMs on this host");
        vmsTitle.getStyle().set("margin", "0 0 var(--lumo-space-s) 0");
        // facts beside the VMs, so both fit one screen
        VerticalLayout right = new VerticalLayout(vmsTitle, vmsNote, vms);
        right.setPadding(false);
        right.setSpacing(false);
        Div columns = new Div(facts, right);
        columns.setWidthFull();
        columns.getStyle().set("display", "grid").set("grid-template-columns", "minmax(0, 1fr) minmax(0, 1fr)")
                .set("gap", "var(--lumo-space-l)");
        tabs.setId("host-tabs");
        tabs.setWidthFull();
        tabs.add("Overview", columns).setId("host-tab-overview");
        networkTab = tabs.add("Network", network);
        networkTab.setId("host-tab-network");
        // the network tab reads NICs, setup and networks: only while it shows
        tabs.addSelectedChangeListener(e -> {
            if (e.getSelectedTab() == networkTab && host != null) {
                network.show(host);
            }
        });
        add(head, tabs);
    }

    /** Shows this host; {@code withVms} also re-reads the VMs on it (not on every poll). */
    void show(Host h, boolean withVms) {
        host = h;
        title.setText(h.name());
        facts.clear()
                .fact("Status", h.status())
                .fact("Agent connected", Boolean.TRUE.equals(h.connected()) ? "yes" : "no")
                .fact("CPU", Formats.number(h.cpuCount()) + " × " + Formats.text(h.cpuModel()))
                .fact("Memory MiB", Formats.number(h.memoryMiB()) + " (" + Formats.number(h.freeMemoryMiB()) + " free)")
                .fact("Running VMs", Formats.number(h.runningVms()))
                .fact("Domain type", h.domainType())
                .fact("libvirt / QEMU", Formats.text(h.libvirtVersion()) + " / " + Formats.text(h.qemuVersion()))
                .fact("libvirt URI", h.libvirtUri())
                .fact("Migration URI", h.migrationUri())
                .fact("Image dirs", h.imageDirs() == null ? "" : String.join(", ", h.imageDirs()))
                .fact("Agent version", h.agentVersion())
                .fact("Last heartbeat", Formats.timestamp(h.lastHeartbeat()) + " (" + Formats.age(h.lastHeartbeat(),
                        OffsetDateTime.now()) + ")")
                .fact("ID", h.id());
        boolean inMaintenance = h.status() == HostStatus.MAINTENANCE || h.status() == HostStatus.PREPARING_FOR_MAINTENANCE;
        maintenance.setEnabled(!inMaintenance);
        activate.setEnabled(inMaintenance);
        if (withVms) {
            loadVms();
        }
        if (tabs.getSelectedTab() == networkTab) {
            if (withVms) {
                network.show(h);
            } else {
                network.refresh();
            }
        }
    }

    private void loadVms() {
        try {
            HostVms.Result r = HostVms.on(engine, host);
            vms.setItems(r.vms());
            vmsNote.setText(r.complete() ? "" : "Showing the first " + Formats.number(HostVms.LIMIT) + " of "
                    + Formats.number(r.scanned()) + " VMs on this host; the VMs page filters and sorts them all.");
            vmsNote.setVisible(!r.complete());
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
    }

    private void toMaintenance() {
        try {
            engine.maintenance(host.id()).ifPresentOrElse(
                    job -> Notifications.success("Evacuating " + host.name() + ": job " + job.id()),
                    () -> Notifications.success(host.name() + " is in maintenance"));
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
        reload();
    }

    private void activate() {
        try {
            Host h = engine.activate(host.id());
            Notifications.success(h.name() + " activated; it is " + h.status());
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
        reload();
    }

    private void reload() {
        try {
            show(engine.host(host.id()), true);
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
        afterChange.run();
    }

    Host host() {
        return host;
    }
}
