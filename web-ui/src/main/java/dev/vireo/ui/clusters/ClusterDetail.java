package dev.vireo.ui.clusters;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import dev.vireo.ui.engine.Cluster;
import dev.vireo.ui.engine.ClusterClient;
import dev.vireo.ui.engine.EngineClient;

/** One cluster's administration, a tab each: scheduling policy, migration policy, switch type, affinity groups. */
class ClusterDetail extends VerticalLayout {

    private final EngineClient engine;
    private final ClusterClient clusters;
    private final H3 title = new H3();
    private final TabSheet tabs = new TabSheet();

    ClusterDetail(EngineClient engine, ClusterClient clusters) {
        this.engine = engine;
        this.clusters = clusters;
        setId("cluster-detail");
        setPadding(false);
        title.setId("cluster-detail-name");
        tabs.setId("cluster-tabs");
        tabs.setWidthFull();
        add(title, tabs);
    }

    /** Shows this cluster: each form reads its part afresh (a half-typed form of another cluster is dropped). */
    void show(Cluster c) {
        title.setText(c.name());
        title.getElement().setAttribute("data-cluster", c.name());
        while (tabs.getTabCount() > 0) {
            tabs.remove(0);
        }
        tab("Scheduling", "cluster-tab-scheduling", new SchedulingForm(clusters, c));
        tab("Migration", "cluster-tab-migration", new MigrationPolicyForm(clusters, c));
        tab("Switch type", "cluster-tab-switch-type", new SwitchTypeForm(clusters, c));
        tab("Affinity groups", "cluster-tab-affinity", new AffinityGroupsPanel(engine, clusters, c));
    }

    private void tab(String label, String id, Component content) {
        tabs.add(label, content).setId(id);
    }
}
