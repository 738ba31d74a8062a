package dev.vireo.ui.hosts;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.vireo.ui.common.Formats;
import dev.vireo.ui.common.Refreshable;
import dev.vireo.ui.dashboard.HomeView;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.layout.MainLayout;
import dev.vireo.ui.layout.Portal;
import jakarta.inject.Inject;

/** Hosts (administrators): the grid, and below it the selected host's facts, actions and VMs. */
@Route(value = "hosts", layout = MainLayout.class)
@PageTitle("Hosts · Vireo")
public class HostsView extends VerticalLayout implements Refreshable, BeforeEnterObserver {

    private final Portal portal;
    private final HostsGrid grid;
    private final HostDetail detail;
    private final Span hint = new Span("Select a host to see its details and the VMs on it.");

    @Inject
    public HostsView(Portal portal) {
        this.portal = portal;
        setId("hosts-view");
        addClassNames("vireo-card", "vireo-fill");
        Span total = new Span();
        total.addClassName("vireo-muted");
        H2 title = new H2("Hosts");
        title.addClassName("vireo-page-title");
        HorizontalLayout header = new HorizontalLayout(title, total);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        grid = new HostsGrid(portal.engine(), portal.banner(), n -> total.setText(Formats.number(n) + " total"));
        grid.setSelectionMode(com.vaadin.flow.component.grid.Grid.SelectionMode.SINGLE);
        grid.setHeight("200px");
        detail = new HostDetail(portal.engine(), portal.banner(), grid::refresh);
        detail.setVisible(false);
        hint.addClassName("vireo-muted");
        grid.asSingleSelect().addValueChangeListener(e -> {
            if (e.getValue() != null) {
                detail.show(e.getValue(), true);
            }
            detail.setVisible(e.getValue() != null);
            hint.setVisible(e.getValue() == null);
        });
        add(header, grid, hint, detail);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!portal.admin()) {
            event.rerouteTo(HomeView.class);
        }
    }

    @Override
    public void refresh() {
        grid.refresh();
        if (detail.isVisible() && detail.host() != null) {
            try {
                detail.show(portal.engine().host(detail.host().id()), false);
            } catch (EngineException e) {
                portal.banner().report(e);
            }
        }
    }
}
