package dev.vireo.ui.events;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.vireo.ui.common.Refreshable;
import dev.vireo.ui.dashboard.HomeView;
import dev.vireo.ui.layout.MainLayout;
import dev.vireo.ui.layout.Portal;
import jakarta.inject.Inject;

/** The whole audit log, newest first (administrators; everyone else reads one VM's events on its page). */
@Route(value = "events", layout = MainLayout.class)
@PageTitle("Events · Vireo")
public class EventsView extends VerticalLayout implements Refreshable, BeforeEnterObserver {

    private final Portal portal;
    private final EventsGrid grid;

    @Inject
    public EventsView(Portal portal) {
        this.portal = portal;
        setId("events-view");
        addClassNames("vireo-card", "vireo-fill");
        setMinHeight("560px");
        H2 title = new H2("Events");
        title.addClassName("vireo-page-title");
        grid = new EventsGrid(portal.engine(), portal.banner(), null, Integer.MAX_VALUE);
        grid.setId("events-grid");
        add(title, grid);
        setFlexGrow(1, grid);
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
    }
}
