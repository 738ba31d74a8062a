package dev.vireo.ui.hosts;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.vireo.ui.common.EngineGuard;
import dev.vireo.ui.common.Formats;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.Host;
import dev.vireo.ui.engine.HostStatus;
import java.time.OffsetDateTime;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/** The hosts, fetched page by page from {@code GET /api/v1/hosts}. */
public class HostsGrid extends Grid<Host> {

    private final EngineClient engine;
    private final EngineGuard guard;
    private final LongConsumer totalListener;

    public HostsGrid(EngineClient engine, EngineGuard guard, LongConsumer totalListener) {
        this.engine = engine;
        this.guard = guard;
        this.totalListener = totalListener;
        setId("hosts-grid");
        setSelectionMode(SelectionMode.NONE);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setEmptyStateText("No hosts");

        addColumn(Host::name).setHeader("Name").setKey("name").setFlexGrow(2).setResizable(true);
        addColumn(LitRenderer.<Host>of("<span style=\"color:${item.color};font-weight:600\">${item.status}</span>")
                        .withProperty("status", h -> Formats.text(h.status()))
                        .withProperty("color", h -> colorOf(h.status())))
                .setHeader("Status").setKey("status").setAutoWidth(true).setFlexGrow(0);
        addColumn(Host::cpuModel).setHeader("CPU model").setKey("cpuModel").setFlexGrow(2).setResizable(true);
        number(addColumn(h -> Formats.number(h.cpuCount())).setHeader("CPUs").setKey("cpus"));
        number(addColumn(h -> Formats.number(h.memoryMiB())).setHeader("Memory MiB").setKey("memory"));
        number(addColumn(h -> Formats.number(h.freeMemoryMiB())).setHeader("Free MiB").setKey("freeMemory"));
        addColumn(Host::domainType).setHeader("Domain type").setKey("domainType").setAutoWidth(true).setFlexGrow(0);
        number(addColumn(h -> Formats.number(h.runningVms())).setHeader("Running VMs").setKey("runningVms"));
        addColumn(h -> Formats.age(h.lastHeartbeat(), OffsetDateTime.now()))
                .setHeader("Last heartbeat").setKey("lastHeartbeat").setAutoWidth(true).setFlexGrow(0)
                .setTooltipGenerator(h -> Formats.timestamp(h.lastHeartbeat()));

        setItems(new CallbackDataProvider<>(
                q -> fetch(q.getOffset(), q.getLimit()),
                q -> count(),
                Host::id));
    }

    public void refresh() {
        getDataProvider().refreshAll();
    }

    private Stream<Host> fetch(int offset, int limit) {
        if (!guard.reachable()) {
            return Stream.empty();
        }
        try {
            return engine.hostRange(offset, limit).stream();
        } catch (EngineException e) {
            guard.report(e);
            return Stream.empty();
        }
    }

    private int count() {
        long total = 0;
        if (guard.reachable()) {
            try {
                total = engine.listHosts(0, 1).total();
            } catch (EngineException e) {
                guard.report(e);
            }
        }
        totalListener.accept(total);
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    private static void number(Column<Host> c) {
        c.setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setFlexGrow(0);
    }

    static String colorOf(HostStatus s) {
        if (s == null) {
            return "var(--lumo-secondary-text-color)";
        }
        return switch (s) {
            case UP -> "var(--lumo-success-text-color)";
            case NON_RESPONSIVE, FENCED -> "var(--lumo-error-text-color)";
            case MAINTENANCE, PREPARING_FOR_MAINTENANCE, INSTALLING -> "var(--lumo-primary-text-color)";
            case UNKNOWN -> "var(--lumo-secondary-text-color)";
        };
    }
}
