package dev.vireo.ui.access;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.vireo.ui.dashboard.HomeView;
import dev.vireo.ui.engine.AccessClient;
import dev.vireo.ui.layout.MainLayout;
import dev.vireo.ui.layout.Portal;
import jakarta.inject.Inject;

/**
 * Access (administrators): permissions and quotas, each in a tab. Not refreshed by the poll: these
 * change only through this page (or the API), and a re-read would disturb a half-filled form.
 */
@Route(value = "access", layout = MainLayout.class)
@PageTitle("Access · Vireo")
public class AccessView extends VerticalLayout implements BeforeEnterObserver {

    private final Portal portal;

    @Inject
    public AccessView(Portal portal) {
        this.portal = portal;
        setId("access-view");
        addClassNames("vireo-card", "vireo-fill");
        H2 title = new H2("Access");
        title.addClassName("vireo-page-title");
        if (!portal.admin()) {
            return;
        }
        AccessClient access = new AccessClient(portal.engine());
        TabSheet tabs = new TabSheet();
        tabs.setId("access-tabs");
        tabs.setWidthFull();
        tabs.add("Permissions", new PermissionsPanel(portal.engine(), access)).setId("access-tab-permissions");
        tabs.add("Quotas", new QuotasPanel(access)).setId("access-tab-quotas");
        add(title, tabs);
        setFlexGrow(1, tabs);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!portal.admin()) {
            event.rerouteTo(HomeView.class);
        }
    }
}
