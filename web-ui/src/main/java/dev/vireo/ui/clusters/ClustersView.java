package dev.vireo.ui.clusters;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
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
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.dashboard.HomeView;
import dev.vireo.ui.engine.Cluster;
import dev.vireo.ui.engine.ClusterClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.layout.MainLayout;
import dev.vireo.ui.layout.Portal;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Clusters (administrators): the list, and below it the selected cluster's policies and affinity groups (the
 * first cluster is selected at once). Not refreshed by the poll: these change only through this page or the
 * API, and a re-read would overwrite a half-filled form.
 */
@Route(value = "clusters", layout = MainLayout.class)
@PageTitle("Clusters · Vireo")
public class ClustersView extends VerticalLayout implements BeforeEnterObserver {

    private final Portal portal;

    @Inject
    public ClustersView(Portal portal) {
        this.portal = portal;
        setId("clusters-view");
        addClassNames("vireo-card", "vireo-fill");
        if (!portal.admin()) {
            return;
        }
        H2 title = new H2("Clusters");
        title.addClassName("vireo-page-title");
        Span total = new Span();
        total.addClassName("vireo-muted");
        HorizontalLayout header = new HorizontalLayout(title, total);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        Grid<Cluster> grid = new Grid<>();
        grid.setId("clusters-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText("No clusters");
        grid.addColumn(Cluster::name).setHeader("Name").setKey("name").setFlexGrow(1);
        grid.addColumn(c -> Formats.text(c.description())).setHeader("Description").setKey("description").setFlexGrow(2);
        grid.addColumn(Cluster::id).setHeader("ID").setKey("id").setFlexGrow(1);
        grid.setAllRowsVisible(true);   // clusters are few

        ClusterDetail detail = new ClusterDetail(portal.engine(), new ClusterClient(portal.engine()));
        detail.setVisible(false);
        grid.asSingleSelect().addValueChangeListener(e -> {
            if (e.getValue() != null) {
                detail.show(e.getValue());
            }
            detail.setVisible(e.getValue() != null);
        });
        add(header, grid, detail);
        try {
            List<Cluster> all = portal.engine().clusters();
            grid.setItems(all);
            total.setText(Formats.number(all.size()) + " total");
            all.stream().findFirst().ifPresent(grid::select);
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!portal.admin()) {
            event.rerouteTo(HomeView.class);
        }
    }
}
