package dev.vireo.ui.vms;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import dev.vireo.ui.common.Formats;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.common.Refreshable;
import dev.vireo.ui.console.ConsolePanel;
import dev.vireo.ui.dashboard.HomeView;
import dev.vireo.ui.engine.Cluster;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.Vm;
import dev.vireo.ui.events.EventsGrid;
import dev.vireo.ui.layout.MainLayout;
import dev.vireo.ui.layout.Portal;
import dev.vireo.ui.storage.VmDisksTab;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One VM ({@code vms/:vmId}): tabs General (facts and actions), Console (noVNC, connected while the tab
 * is shown), Events (this VM's audit log) and, for administrators, Disks (disks and CD-ROM) and Placement (the
 * scheduler's dry run).
 */
@Route(value = "vms/:vmId", layout = MainLayout.class)
@PageTitle("Virtual machine · Vireo")
public class VmDetailView extends VerticalLayout implements BeforeEnterObserver, Refreshable {

    private final Portal portal;
    private final URI browserEngineUrl;
    private final H2 name = new H2();
    private final Span status = new Span();
    private Vm vm;
    private String clusterName;
    private VmGeneralTab general;
    private EventsGrid events;
    private VmDisksTab disks;
    private Tab disksTab;
    private TabSheet tabs;

    @Inject
    public VmDetailView(Portal portal, @ConfigProperty(name = "vireo.engine-public-url") Optional<URI> publicEngineUrl) {
        this.portal = portal;
        this.browserEngineUrl = publicEngineUrl.orElse(portal.engine().baseUrl());
        setId("vm-detail");
        addClassNames("vireo-card", "vireo-fill");
        name.setId("vm-name");
        name.addClassName("vireo-page-title");
        status.setId("vm-status");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String id = event.getRouteParameters().get("vmId").orElse("");
        try {
            vm = portal.engine().vm(id);
        } catch (EngineException e) {
            Notifications.engineError(e);
            add(new Span("This VM cannot be shown: " + e.getMessage()));
            return;
        }
        clusterName = portal.admin() ? portal.engine().clusters().stream().filter(c -> c.id().equals(vm.clusterId()))
                .map(Cluster::name).findFirst().orElse(null) : null;
        build();
    }

    private void build() {
        RouterLink back = new RouterLink(portal.admin() ? "← Virtual machines" : "← My VMs",
                portal.admin() ? VmsView.class : HomeView.class);
        HorizontalLayout header = new HorizontalLayout(name, status);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);

        VmActions actions = new VmActions(portal.engine(), this::refresh, portal.admin());
        general = new VmGeneralTab(vm, actions, () -> getUI().ifPresent(ui -> ui.navigate(portal.admin() ? "vms" : "")),
                new dev.vireo.ui.engine.ProvisioningClient(portal.engine()), portal.admin());
        ConsolePanel console = new ConsolePanel(portal.engine(), browserEngineUrl, n -> { }, new HorizontalLayout());
        // a definite height: noVNC scales the guest screen to its box, and a box sized only by min-height is 0 to it
        console.setHeight("max(480px, calc(100vh - 330px))");
        events = new EventsGrid(portal.engine(), portal.banner(), vm.id(), Integer.MAX_VALUE);
        events.setId("vm-events");
        events.getColumnByKey("object").setVisible(false);
        events.setMinHeight("360px");

        tabs = new TabSheet();
        tabs.setId("vm-tabs");
        tabs.setWidthFull();
        tab(tabs, "General", "vm-tab-general", general);
        Tab consoleTab = tab(tabs, "Console", "vm-tab-console", console);
        tab(tabs, "Events", "vm-tab-events", events);
        Tab placementTab = null;
        VmPlacementTab placement = null;
        if (portal.admin()) {
            disks = new VmDisksTab(portal.engine(), portal.banner(), vm);
            disksTab = tab(tabs, "Disks", "vm-tab-disks", disks);
            placement = new VmPlacementTab(portal.engine(), vm);
            placementTab = tab(tabs, "Placement", "vm-tab-placement", placement);
        }
        Tab pTab = placementTab;
        VmPlacementTab pContent = placement;
        // the console holds a websocket and the placement is a computation: both only while their tab shows
        tabs.addSelectedChangeListener(e -> {
            if (e.getSelectedTab() == consoleTab) {
                console.open(vm.id());
            } else {
                console.close();
            }
            if (pTab != null && e.getSelectedTab() == pTab) {
                pContent.reload();
            }
            if (disksTab != null && e.getSelectedTab() == disksTab) {
                disks.show(vm);
            }
        });
        add(back, header, tabs);
        setFlexGrow(1, tabs);
        showHeader();
    }

    private static Tab tab(TabSheet tabs, String label, String id, com.vaadin.flow.component.Component content) {
        Tab t = tabs.add(label, content);
        t.setId(id);
        return t;
    }

    private void showHeader() {
        name.setText(vm.name());
        status.setText(Formats.text(vm.status()));
        status.getElement().setAttribute("theme", "badge " + switch (vm.status() == null ? "" : vm.status().name()) {
            case "RUNNING" -> "success";
            case "UNKNOWN" -> "error";
            case "DOWN" -> "contrast";
            default -> "";
        });
        general.show(vm, clusterName);
    }

    @Override
    public void refresh() {
        if (vm == null) {
            return;
        }
        try {
            vm = portal.engine().vm(vm.id());
            showHeader();
            if (disksTab != null && tabs.getSelectedTab() == disksTab) {
                disks.show(vm);
            }
        } catch (EngineException e) {
            portal.banner().report(e);
        }
        events.refresh();
    }
}
