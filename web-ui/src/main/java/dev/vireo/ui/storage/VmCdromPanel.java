package dev.vireo.ui.storage;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.Iso;
import dev.vireo.ui.engine.StorageClient;
import dev.vireo.ui.engine.Vm;
import dev.vireo.ui.engine.VmStatus;
import java.util.List;

/** A VM's CD-ROM: the ISO in it, and Insert (an uploaded ISO) / Eject while the VM is down. */
class VmCdromPanel extends HorizontalLayout {

    private final StorageClient storage;
    private final Span inDrive = new Span();
    private final Select<Iso> isos = new Select<>();
    private final Button insert = new Button("Insert");
    private final Button eject = new Button("Eject");
    private final Span note = new Span();
    private Vm vm;
    private List<Iso> known = List.of();

    VmCdromPanel(StorageClient storage, Vm vm) {
        this.storage = storage;
        this.vm = vm;
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        inDrive.setId("vm-cdrom-iso");
        isos.setId("vm-cdrom-select");
        isos.setPlaceholder("ISO image");
        isos.setItemLabelGenerator(i -> i.name() + " · " + Sizes.of(i.sizeBytes()));
        isos.setEmptySelectionAllowed(false);
        insert.setId("vm-cdrom-insert");
        insert.addThemeVariants(ButtonVariant.LUMO_SMALL);
        insert.addClickListener(e -> {
            if (isos.getValue() == null) {
                Notifications.error("Choose an ISO image");
            } else {
                change(isos.getValue());
            }
        });
        eject.setId("vm-cdrom-eject");
        eject.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST);
        eject.addClickListener(e -> change(null));
        note.addClassName("vireo-muted");
        add(new Span("In the drive:"), inDrive, isos, insert, eject, note);
    }

    void show(Vm current) {
        vm = current;
        Iso.Drive drive = storage.cdrom(vm.id());
        inDrive.setText(drive.empty() ? "empty" : drive.name());
        inDrive.getElement().setAttribute("data-iso", drive.empty() ? "" : drive.name());
        List<Iso> now = storage.isos();
        if (!now.equals(known)) {
            known = now;
            isos.setItems(now);
        }
        boolean down = vm.status() == VmStatus.DOWN;
        isos.setEnabled(down && !now.isEmpty());
        insert.setEnabled(down && !now.isEmpty());
        eject.setEnabled(down && !drive.empty());
        note.setText(!down ? "The CD-ROM changes while the VM is down." : now.isEmpty()
                ? "No ISO images yet: upload one on the Images page." : "");
    }

    private void change(Iso iso) {
        try {
            if (iso == null) {
                storage.eject(vm.id());
                Notifications.success("CD-ROM of " + vm.name() + " ejected");
            } else {
                storage.insertIso(vm.id(), iso.id());
                Notifications.success(iso.name() + " is in the CD-ROM of " + vm.name());
            }
            show(vm);
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
    }
}
