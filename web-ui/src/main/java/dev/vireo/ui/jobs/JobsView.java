package dev.vireo.ui.jobs;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.vireo.ui.common.Refreshable;
import dev.vireo.ui.layout.MainLayout;
import dev.vireo.ui.layout.Portal;
import jakarta.inject.Inject;

/** Jobs with their progress: all of them for administrators, one's own for everyone else (the engine decides). */
@Route(value = "jobs", layout = MainLayout.class)
@PageTitle("Jobs · Vireo")
public class JobsView extends VerticalLayout implements Refreshable {

    private final JobsGrid grid;

    @Inject
    public JobsView(Portal portal) {
        setId("jobs-view");
        addClassNames("vireo-card", "vireo-fill");
        setMinHeight("560px");
        H2 title = new H2("Jobs");
        title.addClassName("vireo-page-title");
        grid = new JobsGrid(portal.engine(), portal.banner());
        add(title, grid);
        setFlexGrow(1, grid);
    }

    @Override
    public void refresh() {
        grid.refresh();
    }
}
