package dev.vireo.ui.clusters;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.vireo.ui.common.Confirm;
import dev.vireo.ui.common.Names;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.AffinityGroup;
import dev.vireo.ui.engine.Cluster;
import dev.vireo.ui.engine.ClusterClient;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import java.util.Collection;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A cluster's affinity groups: the list (VMs and hosts by name), New, and Delete (confirmed). */
class AffinityGroupsPanel extends VerticalLayout {

    private final ClusterClient clusters;
    private final Cluster cluster;
    private final Names names;
    private final Grid<AffinityGroup> grid = new Grid<>();

    AffinityGroupsPanel(EngineClient engine, ClusterClient clusters, Cluster cluster) {
        this.clusters = clusters;
        this.cluster = cluster;
        this.names = new Names(engine);
        setId("affinity-panel");
        setPadding(false);
        grid.setId("affinity-groups-grid");
        grid.setSelectionMode(Grid.SelectionMode.NONE);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText("No affinity groups");
        grid.setAllRowsVisible(true);
        grid.addColumn(AffinityGroup::name).setHeader("Name").setKey("name").setFlexGrow(1);
        grid.addColumn(g -> g.hard() ? "hard" : "soft").setHeader("Enforcement").setKey("hard").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(g -> AffinityGroupDialog.vmRule(g.vmPolarity()) + listed(g.vmIds(), names::vm))
                .setHeader("VMs").setKey("vms").setFlexGrow(2);
        grid.addColumn(g -> AffinityGroupDialog.hostRule(g.hostPolarity()) + listed(g.hostIds(), names::host))
                .setHeader("Hosts").setKey("hosts").setFlexGrow(2);
        grid.addColumn(LitRenderer.<AffinityGroup>of("""
                        <vaadin-button theme="small error tertiary" data-delete-group="${item.name}" @click="${remove}">Delete</vaadin-button>""")
                        .withProperty("name", AffinityGroup::name)
                        .withFunction("remove", this::confirmDelete))
                .setHeader("").setKey("actions").setWidth("110px").setFlexGrow(0);

        Button create = new Button("New affinity group", VaadinIcon.PLUS.create(),
                e -> new AffinityGroupDialog(engine, clusters, cluster, this::refresh).open());
        create.setId("affinity-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(create, grid);
        refresh();
    }

    private static String listed(Collection<String> ids, Function<String, String> name) {
        return ids == null || ids.isEmpty() ? "" : ": " + ids.stream().map(name).sorted().collect(Collectors.joining(", "));
    }

    void refresh() {
        try {
            grid.setItems(clusters.affinityGroups(cluster.id()));
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
    }

    private void confirmDelete(AffinityGroup g) {
        Confirm.ask("affinity-confirm", "Delete affinity group " + g.name() + "?",
                "Its " + (g.hard() ? "hard" : "soft") + " rule no longer applies to placements and migrations; its "
                        + g.vmIds().size() + " VM(s) stay where they run.", "Delete", () -> {
                    try {
                        clusters.deleteAffinityGroup(cluster.id(), g.id());
                        Notifications.success("Deleted affinity group " + g.name());
                    } catch (EngineException e) {
                        Notifications.engineError(e);
                    }
                    refresh();
                });
    }
}
