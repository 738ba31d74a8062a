package dev.vireo.ui.layout;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.HasElement;
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
import dev.vireo.ui.common.Formats;
import dev.vireo.ui.common.Refreshable;
import dev.vireo.ui.dashboard.HomeView;
import dev.vireo.ui.engine.Me;
import dev.vireo.ui.events.EventsView;
import dev.vireo.ui.hosts.HostsView;
import dev.vireo.ui.jobs.JobsView;
import dev.vireo.ui.vms.VmsView;
import jakarta.inject.Inject;

/**
 * The frame of every page: header (product, signed-in person, their quota use, log out), a side
 * navigation by role, the engine banner above the page, and the UI polling that refreshes the shown
 * page every {@code vireo.refresh-interval} (server push replaces this later).
 */
public class MainLayout extends AppLayout {

    private final Portal portal;
    private final Div body = new Div();
    private final Span quota = new Span();
    private HasElement current;
    private Registration pollRegistration;

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

        HorizontalLayout account = new HorizontalLayout(quota, VaadinIcon.USER.create(), user, logout);
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
        event.getUI().getPage().addStyleSheet("/vireo/portal.css");
        portal.banner().probe();
        event.getUI().setPollInterval(portal.pollMillis());
        pollRegistration = event.getUI().addPollListener(e -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (pollRegistration != null) {
            pollRegistration.remove();
            pollRegistration = null;
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
