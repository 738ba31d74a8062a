package dev.vireo.ui.vms;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.vireo.ui.common.EngineGuard;
import dev.vireo.ui.common.Formats;
import dev.vireo.ui.engine.EngineClient;

/** "Virtual machines": the new-VM form, a name filter, "Start selected" and the lazy VMs grid. */
public class VmsPanel extends VerticalLayout {

    private final VmsGrid grid;

    /** @param admin whether the rows offer Migrate (administrators only) */
    public VmsPanel(EngineClient engine, EngineGuard guard, String heading, boolean admin) {
        setPadding(false);
        setSpacing(false);
        Span total = new Span();
        total.getStyle().set("color", "var(--lumo-secondary-text-color)");
        H2 title = new H2(heading);
        title.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-xl)");

        VmActions actions = new VmActions(engine, this::refresh, admin);
        grid = new VmsGrid(engine, guard, actions, n -> total.setText(Formats.number(n) + " total"));
        grid.setMinHeight("320px");

        TextField filter = new TextField();
        filter.setId("vm-filter");
        filter.setPlaceholder("Filter by name");
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        // Vaadin's default pause of 400 ms was most of a filter's time in the grid benchmark (the query
        // behind it takes tens of ms at 100,000 VMs); 100 ms still waits out a fast typist's keystrokes
        filter.setValueChangeTimeout(100);
        filter.addValueChangeListener(e -> grid.setNameFilter(e.getValue()));

        HorizontalLayout header = new HorizontalLayout(title, total);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        StartSelectedButton startSelected = new StartSelectedButton(engine, grid::getSelectedItems, () -> {
            grid.deselectAll();
            refresh();
        });
        grid.addSelectionListener(e -> startSelected.selectionChanged(e.getAllSelectedItems().size()));
        HorizontalLayout filterAndBulk = new HorizontalLayout(filter, startSelected);
        filterAndBulk.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.END);
        HorizontalLayout tools = new HorizontalLayout(new NewVmForm(engine, this::refresh), filterAndBulk);
        tools.setWidthFull();
        tools.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        tools.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.END);
        tools.setWrap(true);

        add(header, tools, grid);
        setFlexGrow(1, grid);
    }

    /** Hides grid columns by key ({@code owner}, {@code host} …). */
    public void hideColumns(String... keys) {
        for (String k : keys) {
            grid.getColumnByKey(k).setVisible(false);
        }
    }

    public void refresh() {
        grid.refresh();
    }
}
