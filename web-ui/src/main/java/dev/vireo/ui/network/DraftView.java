package dev.vireo.ui.network;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.vireo.ui.common.Formats;
import dev.vireo.ui.engine.NetworkSetup.Attachment;
import dev.vireo.ui.engine.NetworkSetup.Bond;
import java.util.Map;
import java.util.function.Consumer;

/** The setup to apply: its bonds and network attachments, each with Remove ({@code data-remove-bond}/{@code -network}). */
class DraftView extends VerticalLayout {

    private final Grid<Bond> bonds = new Grid<>();
    private final Grid<Attachment> networks = new Grid<>();
    private Map<String, String> networkNames = Map.of();

    DraftView(Consumer<Bond> removeBond, Consumer<Attachment> removeNetwork) {
        setPadding(false);
        setSpacing(false);
        bonds.setId("draft-bonds");
        style(bonds, "No bonds");
        bonds.addColumn(Bond::name).setHeader("Bond").setKey("name").setWidth("110px").setFlexGrow(0);
        bonds.addColumn(b -> String.join(", ", b.members())).setHeader("Members").setKey("members").setFlexGrow(1);
        bonds.addColumn(b -> SetupDraft.MODES.getOrDefault(b.mode(), b.mode())).setHeader("Mode").setKey("mode").setFlexGrow(1);
        bonds.addColumn(b -> Formats.text(b.lacpRate())).setHeader("LACP rate").setKey("lacp").setAutoWidth(true).setFlexGrow(0);
        bonds.addColumn(b -> b.miimonMs() == null ? "carrier" : b.miimonMs() + " ms").setHeader("miimon").setKey("miimon")
                .setAutoWidth(true).setFlexGrow(0);
        bonds.addColumn(LitRenderer.<Bond>of("""
                        <vaadin-button theme="small error tertiary" data-remove-bond="${item.name}" @click="${remove}">Remove</vaadin-button>""")
                .withProperty("name", Bond::name).withFunction("remove", removeBond::accept)).setWidth("110px").setFlexGrow(0);

        networks.setId("draft-networks");
        style(networks, "No networks on this host");
        networks.addColumn(a -> networkNames.getOrDefault(a.networkId(), a.networkId())).setHeader("Network").setKey("network")
                .setFlexGrow(1);
        networks.addColumn(Attachment::on).setHeader("On").setKey("on").setFlexGrow(1);
        networks.addColumn(a -> a.vlanId() == null ? "the network's" : String.valueOf(a.vlanId())).setHeader("VLAN")
                .setKey("vlan").setAutoWidth(true).setFlexGrow(0);
        networks.addColumn(a -> a.mtu() == null ? "the network's" : String.valueOf(a.mtu())).setHeader("MTU").setKey("mtu")
                .setAutoWidth(true).setFlexGrow(0);
        networks.addColumn(LitRenderer.<Attachment>of("""
                        <vaadin-button theme="small error tertiary" data-remove-network="${item.on}" @click="${remove}">Remove</vaadin-button>""")
                .withProperty("on", Attachment::on).withFunction("remove", removeNetwork::accept)).setWidth("110px").setFlexGrow(0);
        add(bonds, networks);
    }

    private static void style(Grid<?> g, String empty) {
        g.setSelectionMode(Grid.SelectionMode.NONE);
        g.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
        g.setAllRowsVisible(true);
        g.setEmptyStateText(empty);
    }

    void show(SetupDraft draft, Map<String, String> names) {
        networkNames = names;
        bonds.setItems(draft.bonds());
        networks.setItems(draft.networks());
    }
}
