package dev.vireo.ui.network;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.vireo.ui.common.Formats;
import dev.vireo.ui.engine.HostNic;

/** A host's interfaces as its agent reports them; each name cell carries {@code data-nic}. */
class NicsGrid extends Grid<HostNic> {

    NicsGrid() {
        setId("host-nics");
        setSelectionMode(SelectionMode.NONE);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setAllRowsVisible(true);
        setEmptyStateText("The host's agent has not reported its NICs yet");
        addColumn(LitRenderer.<HostNic>of("<span data-nic=\"${item.name}\">${item.name}</span>")
                .withProperty("name", HostNic::name)).setHeader("Name").setKey("name").setFlexGrow(1);
        addColumn(HostNic::kind).setHeader("Kind").setKey("kind").setWidth("80px").setFlexGrow(0);
        addColumn(HostNic::mac).setHeader("MAC").setKey("mac").setWidth("160px").setFlexGrow(0);
        addColumn(n -> n.speedMbps() == null || n.speedMbps() <= 0 ? "" : Formats.number(n.speedMbps()) + " Mb/s")
                .setHeader("Speed").setKey("speed").setAutoWidth(true).setFlexGrow(0);
        addColumn(LitRenderer.<HostNic>of("<span theme=\"badge ${item.theme}\">${item.link}</span>")
                        .withProperty("link", n -> Formats.text(n.linkState()) + (n.up() ? "" : " (admin down)"))
                        .withProperty("theme", n -> "up".equalsIgnoreCase(n.linkState()) ? "success"
                                : "down".equalsIgnoreCase(n.linkState()) ? "error" : "contrast"))
                .setHeader("Link").setKey("link").setAutoWidth(true).setFlexGrow(0);
        addColumn(n -> Formats.text(n.bond())).setHeader("Bond").setKey("bond").setFlexGrow(1);
        addColumn(n -> Formats.text(n.bridge())).setHeader("Bridge").setKey("bridge").setFlexGrow(1);
    }
}
