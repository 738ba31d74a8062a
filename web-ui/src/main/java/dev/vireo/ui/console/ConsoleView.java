package dev.vireo.ui.console;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.vms.VmDetailView;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** A VM's graphical console in the whole window (no navigation around it), back link to the VM's page. */
@Route("console/:vmId")
@PageTitle("Console")
public class ConsoleView extends VerticalLayout implements BeforeEnterObserver {

    private final H2 title = new H2("Console");
    private final RouterLink back = new RouterLink();
    private final ConsolePanel console;

    @Inject
    public ConsoleView(EngineClient engine,
            @ConfigProperty(name = "vireo.engine-public-url") Optional<URI> publicEngineUrl) {
        setSizeFull();
        setId("console-view");
        title.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-l)");
        back.setText("← Virtual machine");
        // where the browser reaches the engine; the UI's own engine URL unless the two differ
        console = new ConsolePanel(engine, publicEngineUrl.orElse(engine.baseUrl()),
                name -> title.setText("Console of " + name), new HorizontalLayout(back, title));
        add(console);
        setFlexGrow(1, console);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String vmId = event.getRouteParameters().get("vmId").orElse(null);
        back.setRoute(VmDetailView.class, new RouteParameters("vmId", vmId));
        console.open(vmId);
    }
}
