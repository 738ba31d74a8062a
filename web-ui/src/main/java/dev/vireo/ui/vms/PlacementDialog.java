package dev.vireo.ui.vms;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.Placement;
import dev.vireo.ui.engine.Vm;

/**
 * The scheduler's dry run for one VM ({@code GET /api/v1/vms/{id}/placement}) in a dialog, as
 * {@link PlacementPanel} shows it with the prefix {@code placement}. Modeless, like the boot output, so
 * the VMs grid stays usable; at most one is open per page.
 */
public class PlacementDialog extends Dialog {

    private final EngineClient engine;
    private final Vm vm;
    private final PlacementPanel content;

    private PlacementDialog(EngineClient engine, Vm vm) {
        this.engine = engine;
        this.vm = vm;
        setId("placement-dialog");
        setHeaderTitle("Placement of " + vm.name());
        setWidth("min(900px, 95vw)");
        setResizable(true);
        setDraggable(true);
        setModal(false);
        content = new PlacementPanel("placement", vm.name());
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
        dialog.content.show(placement);
        dialog.open();
    }

    private void reload() {
        try {
            content.show(engine.placement(vm.id()));
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
    }
}
