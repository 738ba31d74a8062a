package dev.vireo.ui.vms;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.vireo.ui.common.EngineGuard;
import dev.vireo.ui.common.Formats;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.Vm;
import dev.vireo.ui.engine.VmQuery;
import dev.vireo.ui.engine.VmStatus;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * The VMs, lazily: the grid asks for the rows it shows and this asks the engine for exactly that
 * {@code offset}/{@code limit} window (sorted and filtered by the engine), so 100,000 VMs cost the
 * same as 50.
 */
public class VmsGrid extends Grid<Vm> {

    private final EngineClient engine;
    private final EngineGuard guard;
    private final LongConsumer totalListener;
    private String nameFilter;

    public VmsGrid(EngineClient engine, EngineGuard guard, VmActions actions, LongConsumer totalListener) {
        this.engine = engine;
        this.guard = guard;
        this.totalListener = totalListener;
        setId("vms-grid");
        // ticked VMs can be started together ("Start selected"); with a lazy list there is no select-all
        setSelectionMode(SelectionMode.MULTI);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setEmptyStateText("No VMs");

        // the name opens the VM's page (a router link: Vaadin navigates without reloading)
        addColumn(LitRenderer.<Vm>of("<a href=\"vms/${item.id}\" data-vm-link=\"${item.name}\">${item.name}</a>")
                        .withProperty("id", Vm::id)
                        .withProperty("name", Vm::name))
                .setHeader("Name").setKey("name").setSortProperty("name").setWidth("130px").setFlexGrow(2).setResizable(true);
        addColumn(LitRenderer.<Vm>of("<span data-vm-status=\"${item.name}\" style=\"color:${item.color};font-weight:600\">${item.status}</span>")
                        .withProperty("status", vm -> Formats.text(vm.status()))
                        .withProperty("name", Vm::name)
                        .withProperty("color", vm -> colorOf(vm.status())))
                .setHeader("Status").setKey("status").setSortProperty("status").setWidth("110px").setFlexGrow(0)
                .setTooltipGenerator(vm -> "desired: " + Formats.text(vm.desiredState()));
        addColumn(Vm::owner).setHeader("Owner").setKey("owner").setWidth("80px").setFlexGrow(1).setResizable(true);
        addColumn(Vm::hostName).setHeader("Host").setKey("host").setWidth("110px").setFlexGrow(1).setResizable(true);
        addColumn(vm -> Formats.number(vm.vcpus())).setHeader("vCPUs").setKey("vcpus")
                .setTextAlign(ColumnTextAlign.END).setWidth("75px").setFlexGrow(0);
        addColumn(vm -> Formats.number(vm.memoryMiB())).setHeader("Memory MiB").setKey("memory")
                .setSortProperty("memoryMiB").setTextAlign(ColumnTextAlign.END).setWidth("115px").setFlexGrow(0);
        // frozen at the right edge: on a narrow window the other columns scroll, the buttons stay in reach
        addColumn(actions.renderer()).setHeader("Actions").setKey("actions").setWidth(actions.columnWidth()).setFlexGrow(0)
                .setFrozenToEnd(true);

        setItems(new CallbackDataProvider<>(this::fetch, this::count, Vm::id));
    }

    /** Shows only VMs whose name contains {@code text} (the engine's {@code q}); blank for all. */
    public void setNameFilter(String text) {
        nameFilter = text;
        refresh();
    }

    public void refresh() {
        getDataProvider().refreshAll();
    }

    private Stream<Vm> fetch(Query<Vm, Void> q) {
        if (!guard.reachable()) {
            return Stream.empty();
        }
        try {
            return engine.vmRange(q.getOffset(), q.getLimit(), toVmQuery(q)).stream();
        } catch (EngineException e) {
            guard.report(e);
            return Stream.empty();
        }
    }

    private int count(Query<Vm, Void> q) {
        long total = 0;
        if (guard.reachable()) {
            try {
                total = engine.listVms(0, 1, toVmQuery(q)).total();
            } catch (EngineException e) {
                guard.report(e);
            }
        }
        totalListener.accept(total);
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    private VmQuery toVmQuery(Query<Vm, Void> q) {
        return q.getSortOrders().stream().findFirst()
                .map(o -> toVmQuery(o))
                .orElseGet(() -> new VmQuery(null, true, nameFilter));
    }

    private VmQuery toVmQuery(QuerySortOrder o) {
        return new VmQuery(o.getSorted(), o.getDirection() == SortDirection.ASCENDING, nameFilter);
    }

    static String colorOf(VmStatus s) {
        if (s == null) {
            return "var(--lumo-secondary-text-color)";
        }
        return switch (s) {
            case RUNNING -> "var(--lumo-success-text-color)";
            case STARTING, STOPPING, MIGRATING -> "var(--lumo-primary-text-color)";
            case PAUSED -> "var(--lumo-warning-text-color, #b36b00)";
            case DOWN -> "var(--lumo-secondary-text-color)";
            case UNKNOWN -> "var(--lumo-error-text-color)";
        };
    }
}
