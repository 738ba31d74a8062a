package dev.vireo.ui.vms;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.vireo.ui.common.Formats;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.Placement;
import dev.vireo.ui.engine.RankedHost;
import dev.vireo.ui.engine.RejectedHost;
import dev.vireo.ui.engine.Vm;
import java.util.List;

/**
 * The scheduler's dry run for one VM ({@code GET /api/v1/vms/{id}/placement}): the engine's
 * explanation sentence, the hosts that could run it (best first, with the total and every weight
 * unit's score) and the hosts that could not (the filter unit that refused each and why).
 * Modeless, like the boot output, so the VMs grid stays usable; at most one is open per page.
 *
 * <p>Ids for browser tests: {@code placement-content} (with {@code data-vm}),
 * {@code placement-explanation}, {@code placement-ranked}, {@code placement-rejected}.
 */
public class PlacementDialog extends Dialog {

    private final EngineClient engine;
    private final Vm vm;
    private final VerticalLayout content = new VerticalLayout();
    private final Paragraph explanation = new Paragraph();
    private final Grid<RankedHost> ranked = new Grid<>();
    private final Grid<RejectedHost> rejected = new Grid<>();
    private final H4 rankedTitle = new H4();
    private final H4 rejectedTitle = new H4();

    private PlacementDialog(EngineClient engine, Vm vm) {
        this.engine = engine;
        this.vm = vm;
        setId("placement-dialog");
        setHeaderTitle("Placement of " + vm.name());
        setWidth("min(900px, 95vw)");
        setResizable(true);
        setDraggable(true);
        setModal(false);

        content.setId("placement-content");
        content.getElement().setAttribute("data-vm", vm.name());
        content.setPadding(false);
        content.setSpacing(false);
        explanation.setId("placement-explanation");
        explanation.getStyle().set("margin", "0 0 var(--lumo-space-s) 0").set("font-weight", "500");
        for (H4 h : List.of(rankedTitle, rejectedTitle)) {
            h.getStyle().set("margin", "var(--lumo-space-m) 0 var(--lumo-space-xs) 0");
        }
        ranked.setId("placement-ranked");
        rejected.setId("placement-rejected");
        for (Grid<?> g : List.of(ranked, rejected)) {
            g.setSelectionMode(Grid.SelectionMode.NONE);
            g.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
            g.setAllRowsVisible(true);
            g.setWidthFull();
        }
        ranked.setEmptyStateText("No host can run it");
        rejected.setEmptyStateText("None");
        rejected.addColumn(RejectedHost::host).setHeader("Host").setKey("host").setFlexGrow(1).setResizable(true);
        rejected.addColumn(RejectedHost::unit).setHeader("Unit").setKey("unit").setAutoWidth(true).setFlexGrow(0);
        rejected.addColumn(RejectedHost::reason).setHeader("Reason").setKey("reason").setFlexGrow(3)
                .setTooltipGenerator(RejectedHost::reason);
        content.add(explanation, rankedTitle, ranked, rejectedTitle, rejected);
        add(content);

        Button refresh = new Button("Refresh", e -> reload());
        refresh.setId("placement-refresh");
        Button close = new Button("Close", e -> close());
        close.setId("placement-close");
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(refresh, close);
    }

    /**
     * Asks the engine where {@code vm} would run and opens the dialog with its answer, replacing an
     * open placement dialog; if the engine refuses (say 404, the VM is gone) it shows the usual error
     * notification and opens nothing.
     */
    public static void showFor(EngineClient engine, Vm vm) {
        Placement placement;
        try {
            placement = engine.placement(vm.id());
        } catch (EngineException e) {
            Notifications.engineError(e);
            return;
        }
        UI ui = UI.getCurrent();
        if (ui != null) {
            ui.getChildren().filter(PlacementDialog.class::isInstance).map(PlacementDialog.class::cast).toList()
                    .forEach(Dialog::close);
        }
        PlacementDialog dialog = new PlacementDialog(engine, vm);
        dialog.show(placement);
        dialog.open();
    }

    private void reload() {
        try {
            show(engine.placement(vm.id()));
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
    }

    void show(Placement p) {
        explanation.setText(p.explanation() == null ? "" : p.explanation());
        rankedTitle.setText("Can run it, best first (" + p.ranked().size() + ")");
        rejectedTitle.setText("Cannot run it (" + p.rejected().size() + ")");

        // the score columns are the units the engine reported, so they are rebuilt on every answer
        ranked.removeAllColumns();
        ranked.addColumn(LitRenderer.<RankedHost>of("<span style=\"font-weight:${item.weight}\">${item.host}</span>")
                        .withProperty("host", RankedHost::host)
                        .withProperty("weight", h -> isBest(h, p) ? "700" : "400"))
                .setHeader("Host").setKey("host").setFlexGrow(1).setResizable(true)
                .setTooltipGenerator(h -> isBest(h, p) ? "the scheduler would run " + vm.name() + " here" : null);
        ranked.addColumn(h -> Formats.decimal(h.total())).setHeader("Total").setKey("total")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setFlexGrow(0);
        for (String unit : p.scoreUnits()) {
            ranked.addColumn(h -> Formats.decimal(h.scores().get(unit))).setHeader(unit).setKey("score-" + unit)
                    .setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setFlexGrow(0);
        }
        ranked.setItems(p.ranked());
        rejected.setItems(p.rejected());
    }

    private static boolean isBest(RankedHost h, Placement p) {
        return h.hostId() != null && h.hostId().equals(p.wouldRunOn());
    }
}
