package dev.vireo.ui.dashboard;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.vireo.ui.common.Refreshable;
import dev.vireo.ui.layout.MainLayout;
import dev.vireo.ui.layout.Portal;
import dev.vireo.ui.vms.VmsPanel;
import jakarta.inject.Inject;

/**
 * The start page ({@code /}): the dashboard for administrators, the VMs they may use for everyone
 * else (no dashboard: people without administration only need their machines). Id {@code main-view}.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Vireo")
public class HomeView extends Div implements Refreshable {

    private final Refreshable content;

    @Inject
    public HomeView(Portal portal) {
        setId("main-view");
        addClassName("vireo-fill");
        getStyle().set("display", "flex").set("flex-direction", "column");
        if (portal.admin()) {
            Dashboard dashboard = new Dashboard(portal);
            content = dashboard;
            add(dashboard);
        } else {
            VmsPanel vms = new VmsPanel(portal.engine(), portal.banner(), "My VMs", false);
            vms.addClassName("vireo-card");
            vms.addClassName("vireo-fill");
            vms.setMinHeight("480px");
            // their own VMs: the owner is always them, and hosts are administrators' business
            vms.hideColumns("owner", "host");
            content = vms::refresh;
            add((Component) vms);
        }
    }

    @Override
    public void refresh() {
        content.refresh();
    }
}
