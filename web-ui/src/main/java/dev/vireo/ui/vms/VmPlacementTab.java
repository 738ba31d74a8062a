package dev.vireo.ui.vms;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.Vm;

/** The VM page's Placement tab: the scheduler's dry run (ids with the prefix {@code vm-placement}). */
class VmPlacementTab extends VerticalLayout {

    private final EngineClient engine;
    private final Vm vm;
    private final PlacementPanel panel;

    VmPlacementTab(EngineClient engine, Vm vm) {
        this.engine = engine;
        this.vm = vm;
        setPadding(false);
        panel = new PlacementPanel("vm-placement", vm.name());
        Button refresh = new Button("Ask the scheduler again", VaadinIcon.REFRESH.create(), e -> reload());
        refresh.setId("vm-placement-refresh");
        add(refresh, panel);
    }

    void reload() {
        try {
            panel.show(engine.placement(vm.id()));
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
    }
}
