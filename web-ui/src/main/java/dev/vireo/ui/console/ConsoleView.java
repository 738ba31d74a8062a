package dev.vireo.ui.console;

import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import dev.vireo.ui.MainView;
import dev.vireo.ui.engine.ConsoleTicket;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.EngineProblemException;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A VM's graphical console in the whole window: noVNC ({@code /vireo/console.js}) talking to the
 * engine's console websocket with a one-time ticket. Ctrl+Alt+Del and full screen are buttons; after
 * a migration the connection drops and the view fetches a new ticket, which finds the VM's new host.
 */
@Route("console/:vmId")
@PageTitle("Console")
public class ConsoleView extends VerticalLayout implements BeforeEnterObserver {
    /** a reconnect that keeps failing stops here; the user can press Reconnect */
    private static final int MAX_RECONNECTS = 10;

    private final EngineClient engine;
    private final URI browserEngineUrl;
    private final H2 title = new H2("Console");
    private final Span status = new Span("—");
    private final Div screen = new Div();
    private String vmId;
    private int reconnects;

    @Inject
    public ConsoleView(EngineClient engine,
            @ConfigProperty(name = "vireo.engine-public-url") Optional<URI> publicEngineUrl) {
        this.engine = engine;
        // where the browser reaches the engine; the UI's own engine URL unless the two differ
        this.browserEngineUrl = publicEngineUrl.orElse(engine.baseUrl());
        setSizeFull();
        setId("console-view");
        title.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-l)");
        status.setId("console-status");
        status.getStyle().set("color", "var(--lumo-secondary-text-color)");

        Button cad = new Button("Ctrl+Alt+Del", e -> js("ctrlAltDel"));
        cad.setId("console-ctrl-alt-del");
        Button full = new Button("Full screen", VaadinIcon.EXPAND_FULL.create(), e -> js("fullscreen"));
        full.setId("console-fullscreen");
        Button again = new Button("Reconnect", VaadinIcon.REFRESH.create(), e -> {
            reconnects = 0;
            connect();
        });
        again.setId("console-reconnect");
        for (Button b : new Button[] {cad, full, again}) {
            b.addThemeVariants(ButtonVariant.LUMO_SMALL);
        }
        RouterLink back = new RouterLink("← Virtual machines", MainView.class);
        HorizontalLayout bar = new HorizontalLayout(back, title, status, cad, full, again);
        bar.setWidthFull();
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);

        screen.setId("console-screen");
        screen.setSizeFull();
        screen.getStyle().set("background", "#111").set("min-height", "420px");
        add(bar, screen);
        setFlexGrow(1, screen);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        vmId = event.getRouteParameters().get("vmId").orElse(null);
        reconnects = 0;
        connect();
    }

    /** Called by console.js when the connection dropped. */
    @ClientCallable
    void reconnect() {
        if (++reconnects > MAX_RECONNECTS) {
            setStatus("gave up", "the console stayed unreachable; press Reconnect to try again");
            return;
        }
        connect();
    }

    private void connect() {
        ConsoleTicket ticket;
        try {
            ticket = engine.consoleTicket(vmId);
        } catch (EngineProblemException e) {
            setStatus("unavailable", e.problem().detail() != null ? e.problem().detail() : e.getMessage());
            return;
        } catch (EngineException e) {
            setStatus("unavailable", e.getMessage());
            return;
        }
        title.setText("Console of " + ticket.vmName());
        String ws = browserEngineUrl.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + ticket.path();
        getElement().executeJs("return import($0).then(m => m.open($1, $2, $3, $4))", "/vireo/console.js",
                screen.getElement(), ws, ticket.password(), getElement());
    }

    private void setStatus(String state, String text) {
        status.getElement().setAttribute("data-state", state);
        status.setText(text);
    }

    private void js(String function) {
        getElement().executeJs("return import($0).then(m => m." + function + "($1))", "/vireo/console.js",
                screen.getElement());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        js("close");
        super.onDetach(event);
    }
}
