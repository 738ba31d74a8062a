package dev.vireo.ui.layout;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.shared.Registration;
import dev.vireo.ui.access.AccessView;
import dev.vireo.ui.clusters.ClustersView;
import dev.vireo.ui.common.Formats;
import dev.vireo.ui.common.Refreshable;
import dev.vireo.ui.dashboard.HomeView;
import dev.vireo.ui.engine.Me;
import dev.vireo.ui.events.EventsView;
import dev.vireo.ui.hosts.HostsView;
import dev.vireo.ui.jobs.JobsView;
import dev.vireo.ui.storage.ImagesView;
import dev.vireo.ui.vms.VmsView;
import jakarta.inject.Inject;

/**
 * The frame of every page: header (product, signed-in person, their quota use, log out), a side
 * navigation by role, the engine banner above the page, and live updates: the shown page is refreshed
 * by server push when the engine's change stream says something changed ({@link LiveUpdates}), with a
 * slow poll beside it (for load figures, and to keep the sign-in fresh) that becomes a fast one
 * ({@code vireo.refresh-interval}) while the stream is down.
 */
public class MainLayout extends AppLayout {

    private final Portal portal;
    private final Div body = new Div();
    private final Span quota = new Span();
    private HasElement current;
    private Registration pollRegistration;
    private final Span liveBadge = new Span();
    private LiveUpdates live;

    @Inject
    public MainLayout(Portal portal) {
        this.portal = portal;
        Me me = portal.me();
        setPrimarySection(Section.NAVBAR);
        addToNavbar(header(me));
        addToDrawer(nav(me != null && me.admin()));
        body.addClassName("vireo-body");
        body.add(portal.banner());
        setContent(body);
    }

    private Component header(Me me) {
        Image logo = new Image("icons/vireo.svg", "");
        logo.setHeight("28px");
        Span product = new Span("Vireo");
        product.addClassName("vireo-product");
        Span engineUrl = new Span("engine " + portal.engine().baseUrl());
        engineUrl.setId("engine-url");
        engineUrl.addClassName("vireo-muted");

        Span user = new Span(me == null ? "" : me.name() + (me.admin() ? " (administrator)" : ""));
        user.setId("signed-in-user");
        user.addClassName("vireo-user");
        quota.setId("quota-usage");
        quota.addClassName("vireo-quota");
        showQuota(me);
        // a plain link: logging out is a full-page round trip through Keycloak, not a Vaadin navigation
        Anchor logout = new Anchor("/logout", "Log out");
        logout.setId("logout");
        logout.setRouterIgnore(true);

        liveBadge.setId("live-updates");
        liveBadge.addClassName("vireo-live");
        HorizontalLayout account = new HorizontalLayout(liveBadge, quota, VaadinIcon.USER.create(), user, logout);
        account.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        account.getStyle().set("margin-left", "auto");
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), logo, product, engineUrl, account);
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.addClassName("vireo-header");
        return header;
    }

    private static SideNav nav(boolean admin) {
        SideNav nav = new SideNav();
        nav.setId("side-nav");
        if (admin) {
            nav.addItem(item("Dashboard", HomeView.class, VaadinIcon.DASHBOARD, "nav-dashboard"),
                    item("Virtual machines", VmsView.class, VaadinIcon.DESKTOP, "nav-vms"),
                    item("Hosts", HostsView.class, VaadinIcon.SERVER, "nav-hosts"),
                    item("Clusters", ClustersView.class, VaadinIcon.CLUSTER, "nav-clusters"),
                    item("Images", ImagesView.class, VaadinIcon.HARDDRIVE, "nav-images"),
                    item("Events", EventsView.class, VaadinIcon.LIST, "nav-events"),
                    item("Jobs", JobsView.class, VaadinIcon.TASKS, "nav-jobs"),
                    item("Access", AccessView.class, VaadinIcon.KEY, "nav-access"));
        } else {
            nav.addItem(item("My VMs", HomeView.class, VaadinIcon.DESKTOP, "nav-my-vms"),
                    item("Jobs", JobsView.class, VaadinIcon.TASKS, "nav-jobs"));
        }
        return nav;
    }

    private static SideNavItem item(String label, Class<? extends Component> view, VaadinIcon icon, String id) {
        SideNavItem item = new SideNavItem(label, view, icon.create());
        item.setId(id);
        return item;
    }

    private void showQuota(Me me) {
        Me.Quota q = me == null ? null : me.quota();
        quota.setVisible(q != null && !me.admin());
        if (q != null) {
            quota.setText(Formats.quota(q.usedVms(), q.maxVms(), q.usedVcpus(), q.maxVcpus(), q.usedMemoryMiB(),
                    q.maxMemoryMiB()));
            quota.getElement().setAttribute("title", "quota " + q.name());
        }
    }

    @Override
    public void showRouterLayoutContent(HasElement content) {
        // the banner stays on top of whichever page is shown
        if (current != null) {
            current.getElement().removeFromParent();
        }
        current = content;
        if (content != null) {
            body.getElement().appendChild(content.getElement());
        }
    }

    @Override
    public void removeRouterLayoutContent(HasElement oldContent) {
        if (oldContent != null) {
            oldContent.getElement().removeFromParent();
        }
        current = null;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        ui.getPage().addStyleSheet("/vireo/portal.css");
        portal.banner().probe();
        live = new LiveUpdates(ui, portal.engine(), new LiveUpdates.Listener() {
            @Override
            public void changed() {
                refresh();
            }

            @Override
            public void live(boolean open) {
                showLive(ui, open);
            }
        });
        showLive(ui, false);   // polling until the engine accepts the stream
        live.ensureOpen();
        pollRegistration = ui.addPollListener(e -> {
            refresh();
            live.ensureOpen();
        });
    }

    /** Push when the stream is open (the poll only refreshes figures); the configured fast poll when not. */
    private void showLive(UI ui, boolean open) {
        ui.setPollInterval(open ? portal.livePollMillis() : portal.pollMillis());
        liveBadge.setText(open ? "● live" : "○ polling");
        liveBadge.getElement().setAttribute("title", open
                ? "pages update as soon as the engine reports a change"
                : "the engine's change stream is not connected: pages refresh every " + portal.pollMillis() / 1000.0 + " s");
        liveBadge.getElement().setAttribute("data-live", Boolean.toString(open));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (pollRegistration != null) {
            pollRegistration.remove();
            pollRegistration = null;
        }
        if (live != null) {
            live.close();
            live = null;
        }
        event.getUI().setPollInterval(-1);
        super.onDetach(event);
    }

    private void refresh() {
        boolean up = portal.banner().probe();
        if (up && portal.me() != null && !portal.admin()) {
            showQuota(portal.refreshMe());
        }
        if (up && current instanceof Refreshable r) {
            r.refresh();
        }
    }
}
