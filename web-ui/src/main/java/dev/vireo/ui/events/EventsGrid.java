package dev.vireo.ui.events;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.vireo.ui.common.EngineGuard;
import dev.vireo.ui.common.Formats;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.Event;
import java.util.stream.Stream;

/**
 * The audit log, newest first, fetched lazily page by page ({@code GET /api/v1/events}); optionally
 * of one object (a VM, a host) and at most {@code maxRows} (the dashboard's "recent events").
 */
public class EventsGrid extends Grid<Event> {

    private final EngineClient engine;
    private final EngineGuard guard;
    private final String objectId;
    private final int maxRows;

    public EventsGrid(EngineClient engine, EngineGuard guard, String objectId, int maxRows) {
        this.engine = engine;
        this.guard = guard;
        this.objectId = objectId;
        this.maxRows = maxRows;
        setSelectionMode(SelectionMode.NONE);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setEmptyStateText("No events");

        addColumn(e -> Formats.timestamp(e.at())).setHeader("Time").setKey("at").setWidth("235px").setFlexGrow(0);
        addColumn(LitRenderer.<Event>of("<span theme=\"badge ${item.theme}\">${item.severity}</span>")
                        .withProperty("severity", e -> Formats.text(e.severity()))
                        .withProperty("theme", e -> themeOf(e.severity())))
                .setHeader("Severity").setKey("severity").setWidth("110px").setFlexGrow(0);
        addColumn(Event::actor).setHeader("By").setKey("actor").setWidth("130px").setFlexGrow(0);
        addColumn(Event::action).setHeader("Action").setKey("action").setAutoWidth(true).setFlexGrow(0);
        // a VM's name links to its page; other objects are plain text
        addColumn(LitRenderer.<Event>of("<a href=\"vms/${item.oid}\" ?hidden=\"${!item.vm}\">${item.name}</a>"
                                + "<span ?hidden=\"${item.vm}\">${item.name}</span>")
                        .withProperty("vm", e -> "vm".equals(e.objectType()) && e.objectId() != null)
                        .withProperty("oid", e -> Formats.text(e.objectId()))
                        .withProperty("name", e -> Formats.text(e.objectType()) + " " + Formats.text(e.objectName())))
                .setHeader("Object").setKey("object").setFlexGrow(1).setResizable(true);
        addColumn(Event::message).setHeader("Message").setKey("message").setFlexGrow(3)
                .setTooltipGenerator(Event::message);

        setItems(new CallbackDataProvider<>(this::fetch, q -> count(), Event::id));
    }

    public void refresh() {
        getDataProvider().refreshAll();
    }

    private Stream<Event> fetch(Query<Event, Void> q) {
        int limit = Math.min(q.getLimit(), Math.max(0, maxRows - q.getOffset()));
        if (!guard.reachable() || limit == 0) {
            return Stream.empty();
        }
        try {
            return engine.eventRange(q.getOffset(), limit, objectId).stream();
        } catch (EngineException e) {
            guard.report(e);
            return Stream.empty();
        }
    }

    private int count() {
        if (!guard.reachable()) {
            return 0;
        }
        try {
            return (int) Math.min(maxRows, engine.listEvents(0, 1, objectId).total());
        } catch (EngineException e) {
            guard.report(e);
            return 0;
        }
    }

    static String themeOf(String severity) {
        if (severity == null) {
            return "contrast";
        }
        return switch (severity.toUpperCase()) {
            case "ERROR" -> "error";
            case "WARNING", "WARN" -> "warning";
            default -> "contrast";
        };
    }
}
