package dev.vireo.ui.hosts;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.vireo.ui.common.EngineGuard;
import dev.vireo.ui.common.Formats;
import dev.vireo.ui.engine.EngineClient;

/** "Hosts" heading with the total, and the hosts grid. */
public class HostsPanel extends VerticalLayout {

    private final HostsGrid grid;

    public HostsPanel(EngineClient engine, EngineGuard guard) {
        setPadding(false);
        setSpacing(false);
        Span total = new Span();
        total.getStyle().set("color", "var(--lumo-secondary-text-color)");
        H2 title = new H2("Hosts");
        title.getStyle().set("margin", "0");
        HorizontalLayout header = new HorizontalLayout(title, total);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        grid = new HostsGrid(engine, guard, n -> total.setText(Formats.number(n) + " total"));
        grid.setHeight("220px");
        add(header, grid);
    }

    public void refresh() {
        grid.refresh();
    }
}
