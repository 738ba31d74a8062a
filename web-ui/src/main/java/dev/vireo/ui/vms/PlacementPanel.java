package dev.vireo.ui.vms;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.vireo.ui.common.Formats;
import dev.vireo.ui.engine.Placement;
import dev.vireo.ui.engine.RankedHost;
import dev.vireo.ui.engine.RejectedHost;
import java.util.List;

/**
 * The scheduler's dry run for one VM, shown: the engine's explanation sentence, the hosts that could run
 * it (best first, the total and every weight unit's score) and those that could not (the filter unit
 * that refused each and why). Ids {@code P-content} (with {@code data-vm}), {@code P-explanation},
 * {@code P-ranked}, {@code P-rejected} for the prefix P ({@code placement} in the dialog).
 */
public class PlacementPanel extends VerticalLayout {

    private final Paragraph explanation = new Paragraph();
    private final Grid<RankedHost> ranked = new Grid<>();
    private final Grid<RejectedHost> rejected = new Grid<>();
    private final H4 rankedTitle = new H4();
    private final H4 rejectedTitle = new H4();

    public PlacementPanel(String idPrefix, String vmName) {
        setId(idPrefix + "-content");
        getElement().setAttribute("data-vm", vmName);
        setPadding(false);
        setSpacing(false);
        explanation.setId(idPrefix + "-explanation");
        explanation.getStyle().set("margin", "0 0 var(--lumo-space-s) 0").set("font-weight", "500");
        for (H4 h : List.of(rankedTitle, rejectedTitle)) {
            h.getStyle().set("margin", "var(--lumo-space-m) 0 var(--lumo-space-xs) 0");
        }
        ranked.setId(idPrefix + "-ranked");
        rejected.setId(idPrefix + "-rejected");
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
        add(explanation, rankedTitle, ranked, rejectedTitle, rejected);
    }

    public void show(Placement p) {
        explanation.setText(p.explanation() == null ? "" : p.explanation());
        rankedTitle.setText("Can run it, best first (" + p.ranked().size() + ")");
        rejectedTitle.setText("Cannot run it (" + p.rejected().size() + ")");

        // the score columns are the units the engine reported, so they are rebuilt on every answer
        ranked.removeAllColumns();
        ranked.addColumn(LitRenderer.<RankedHost>of("<span style=\"font-weight:${item.weight}\">${item.host}</span>")
                        .withProperty("host", RankedHost::host)
                        .withProperty("weight", h -> isBest(h, p) ? "700" : "400"))
                .setHeader("Host").setKey("host").setFlexGrow(1).setResizable(true)
                .setTooltipGenerator(h -> isBest(h, p) ? "the scheduler would run " + p.vmName() + " here" : null);
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
