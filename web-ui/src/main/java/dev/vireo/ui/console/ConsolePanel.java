package dev.vireo.ui.console;

import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.vireo.ui.engine.ConsoleTicket;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.EngineProblemException;
import java.net.URI;
import java.util.function.Consumer;

/**
 * A VM's graphical console: noVNC ({@code /vireo/console.js}) talking to the engine's console websocket
 * with a one-time ticket, with Ctrl+Alt+Del, full screen and Reconnect. After a migration the connection
 * drops and the panel fetches a new ticket, which finds the VM's new host. Used by {@link ConsoleView}
 * (the whole window) and the VM page's Console tab; one per page (the ids are fixed for tests).
 */
public class ConsolePanel extends VerticalLayout {
    /** a reconnect that keeps failing stops here; the user can press Reconnect */
    private static final int MAX_RECONNECTS = 10;

    private final EngineClient engine;
    private final URI browserEngineUrl;
    private final Span status = new Span("—");
    private final Div screen = new Div();
    private final Consumer<String> onVmName;
    private String vmId;
    private int reconnects;

    /**
     * @param browserEngineUrl where the browser reaches the engine
     * @param onVmName         told the VM's name once a ticket names it
     */
    public ConsolePanel(EngineClient engine, URI browserEngineUrl, Consumer<String> onVmName, HorizontalLayout bar) {
        this.engine = engine;
        this.browserEngineUrl = browserEngineUrl;
        this.onVmName = onVmName;
        setPadding(false);
        setSizeFull();
        status.setId("console-status");
        status.addClassName("console-status");
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
        bar.add(status, cad, full, again);
        bar.setWidthFull();
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);

        screen.setId("console-screen");
        screen.setSizeFull();
        screen.getStyle().set("background", "#111").set("min-height", "420px");
        add(bar, screen);
        setFlexGrow(1, screen);
    }

    /** Opens the console of this VM (closing any other). */
    public void open(String vmId) {
        this.vmId = vmId;
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
        onVmName.accept(ticket.vmName());
        String ws = browserEngineUrl.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + ticket.path();
        getElement().executeJs("return import($0).then(m => m.open($1, $2, $3, $4, $5))", "/vireo/console.js",
                screen.getElement(), ws, ticket.password(), getElement(), status.getElement());
    }

    private void setStatus(String state, String text) {
        status.getElement().setAttribute("data-state", state);
        status.setText(text);
    }

    private void js(String function) {
        getElement().executeJs("return import($0).then(m => m." + function + "($1))", "/vireo/console.js",
                screen.getElement());
    }

    /** Disconnects noVNC; the panel can be opened again. */
    public void close() {
        js("close");
    }

    @Override
    protected void onDetach(DetachEvent event) {
        close();
        super.onDetach(event);
    }
}
