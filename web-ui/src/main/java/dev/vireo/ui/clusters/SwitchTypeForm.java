package dev.vireo.ui.clusters;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.Cluster;
import dev.vireo.ui.engine.ClusterClient;
import dev.vireo.ui.engine.EngineException;

/**
 * How the cluster's hosts carry networks: Linux bridges ({@code legacy}) or Open vSwitch ({@code ovs}).
 * Takes effect with each host's next network setup and each VM's next start.
 */
class SwitchTypeForm extends HorizontalLayout {

    private final ClusterClient clusters;
    private final Cluster cluster;
    private final Select<String> type = new Select<>();

    SwitchTypeForm(ClusterClient clusters, Cluster cluster) {
        this.clusters = clusters;
        this.cluster = cluster;
        setId("switch-type-form");
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        type.setId("switch-type");
        type.setLabel("Switch type");
        type.setItems("legacy", "ovs");
        type.setItemLabelGenerator(t -> switch (t) {
            case "legacy" -> "legacy (Linux bridge)";
            case "ovs" -> "ovs (Open vSwitch)";
            default -> t;
        });
        type.setHelperText("Used from each host's next network setup and each VM's next start");
        type.setWidth("22em");
        Button save = new Button("Save", e -> save());
        save.setId("switch-type-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(type, save);
        load();
    }

    void load() {
        try {
            type.setValue(clusters.switchType(cluster.id()));
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
    }

    private void save() {
        try {
            String now = clusters.updateSwitchType(cluster.id(), type.getValue());
            type.setValue(now);
            Notifications.success("Cluster " + cluster.name() + " uses switch type " + now);
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
    }
}
