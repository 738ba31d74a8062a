package dev.vireo.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.Me;
import dev.vireo.ui.hosts.HostsPanel;
import dev.vireo.ui.vms.VmsPanel;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one page for now: hosts (administrators only) and the VMs the signed-in person may use, refreshed by UI polling every {@code vireo.refresh-interval}
 * (server push replaces this later).
 */
@Route("")
@PageTitle("Vireo")
public class MainView extends VerticalLayout {

    private final EngineBanner banner;
    private final HostsPanel hosts;
    private final VmsPanel vms;
    private final int pollMillis;
    private Registration pollRegistration;

    @Inject
    public MainView(EngineClient engine,
            @ConfigProperty(name = "vireo.refresh-interval", defaultValue = "2s") Duration refreshInterval) {
        this.pollMillis = (int) Math.max(250, refreshInterval.toMillis());
        setSizeFull();
        setId("main-view");

        H1 title = new H1("Vireo");
        title.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-xxl)");
        Span engineUrl = new Span("engine " + engine.baseUrl());
        engineUrl.setId("engine-url");
        engineUrl.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        Me me = whoAmI(engine);
        Span user = new Span(me == null ? "" : me.name() + (me.admin() ? " (administrator)" : ""));
        user.setId("signed-in-user");
        // a plain link: logging out is a full-page round trip through Keycloak, not a Vaadin navigation
        Anchor logout = new Anchor("/logout", "Log out");
        logout.setId("logout");
        logout.setRouterIgnore(true);
        HorizontalLayout account = new HorizontalLayout(user, logout);
        account.getStyle().set("margin-left", "auto");
        HorizontalLayout header = new HorizontalLayout(title, engineUrl, account);
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        banner = new EngineBanner(engine, Duration.ofMillis(pollMillis));
        // hosts are administrators' business; everyone else sees the VMs they may use
        hosts = me != null && me.admin() ? new HostsPanel(engine, banner) : null;
        vms = new VmsPanel(engine, banner);
        add(header, banner);
        if (hosts != null) {
            add(hosts);
        }
        add(vms);
        setFlexGrow(1, vms);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        banner.probe();
        event.getUI().setPollInterval(pollMillis);
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
        banner.probe();
        if (hosts != null) {
            hosts.refresh();
        }
        vms.refresh();
    }

    private static Me whoAmI(EngineClient engine) {
        try {
            return engine.me();
        } catch (EngineException e) {
            // the banner reports an unreachable engine; until it answers, show no administration
            return null;
        }
    }
}
