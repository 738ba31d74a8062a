package dev.vireo.ui.storage;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.Disk;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.EngineProblemException;
import dev.vireo.ui.engine.StorageClient;
import dev.vireo.ui.engine.StorageDomain;
import dev.vireo.ui.engine.Vm;
import java.util.List;

/**
 * Adds a disk to a VM: a new disk (name, size in GiB, storage domain; thin qcow2, or with Shareable a raw volume
 * several VMs may have at once — the format follows the checkbox and is shown, not chosen) or an existing free
 * one (a shareable disk stays attachable while other VMs have it). A new disk is
 * created, then attached; if the attach is refused the new disk is deleted again, so nothing is left behind. The
 * engine's refusal is shown in the dialog, which stays open.
 */
class AddDiskDialog extends Dialog {

    static final String NEW = "New disk";
    static final String EXISTING = "Existing disk";

    private final StorageClient storage;
    private final Vm vm;
    private final Runnable afterAdd;
    private final RadioButtonGroup<String> mode = new RadioButtonGroup<>();
    private final TextField name = new TextField("Name");
    private final NumberField sizeGib = new NumberField("Size GiB");
    private final Select<StorageDomain> domain = new Select<>();
    private final Checkbox shareable = new Checkbox("Shareable: several VMs may have it attached at once");
    private final TextField format = new TextField("Format");
    private final ComboBox<Disk> existing = new ComboBox<>("Disk");
    private final Span error = new Span();

    AddDiskDialog(StorageClient storage, Vm vm, int diskCount, Runnable afterAdd) {
        this.storage = storage;
        this.vm = vm;
        this.afterAdd = afterAdd;
        setId("disk-dialog");
        setHeaderTitle("Add a disk to " + vm.name());
        mode.setId("disk-mode");
        mode.setItems(NEW, EXISTING);
        mode.setValue(NEW);
        name.setId("disk-name");
        name.setValue(vm.name() + "-disk" + (diskCount + 1));
        sizeGib.setId("disk-size-gib");
        sizeGib.setValue(1.0);
        sizeGib.setMin(0.001);
        sizeGib.setStep(1);
        domain.setId("disk-domain");
        domain.setLabel("Storage domain");
        domain.setItemLabelGenerator(d -> d.name() + (d.freeBytes() == null ? "" : " (" + Sizes.of(d.freeBytes()) + " free)"));
        shareable.setId("disk-shareable");
        format.setId("disk-format");
        format.setReadOnly(true);
        shareable.addValueChangeListener(e -> showFormat());
        showFormat();
        existing.setId("disk-existing");
        existing.setItemLabelGenerator(d -> d.name() + " · " + Sizes.of(d.sizeBytes())
                + (d.shareable() ? " · shareable, on " + d.sharers() + " VM" + (d.sharers() == 1 ? "" : "s") : ""));
        existing.setWidthFull();
        error.setId("disk-error");
        error.addClassName("vireo-error-text");
        error.setVisible(false);
        load();

        FormLayout form = new FormLayout(mode, name, sizeGib, domain, shareable, format, existing);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        mode.addValueChangeListener(e -> showMode());
        showMode();
        Span note = new Span(vm.status() != null && vm.status().name().equals("DOWN")
                ? "The VM is down: the disk is in its definition at the next start."
                : "The VM runs: the disk is hot-plugged into the guest.");
        note.addClassName("vireo-muted");
        add(form, note, error);
        setWidth("min(520px, 95vw)");

        Button save = new Button("Add disk", e -> save());
        save.setId("disk-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    private void load() {
        try {
            List<StorageDomain> domains = storage.storageDomains();
            domain.setItems(domains);
            domains.stream().filter(d -> "default".equals(d.name())).findFirst()
                    .or(() -> domains.stream().findFirst()).ifPresent(domain::setValue);
            existing.setItems(storage.freeDisks());
        } catch (EngineException e) {
            showError(e);
        }
    }

    private void showMode() {
        boolean create = NEW.equals(mode.getValue());
        name.setVisible(create);
        sizeGib.setVisible(create);
        domain.setVisible(create);
        shareable.setVisible(create);
        format.setVisible(create);
        existing.setVisible(!create);
    }

    private void showFormat() {
        format.setValue(DiskForm.formatFor(shareable.getValue()));
        format.setHelperText(DiskForm.formatNote(shareable.getValue()));
    }

    private void save() {
        error.setVisible(false);
        if (NEW.equals(mode.getValue())) {
            String why = DiskForm.check(name.getValue(), sizeGib.getValue());
            if (why != null) {
                showError(why);
                return;
            }
            createAndAttach(DiskForm.request(name.getValue(), sizeGib.getValue(),
                    domain.getValue() == null ? null : domain.getValue().id(), shareable.getValue()));
        } else if (existing.getValue() == null) {
            showError("Choose a free disk");
        } else {
            attach(existing.getValue());
        }
    }

    private void createAndAttach(Disk.New request) {
        Disk created;
        try {
            created = storage.createDisk(request);
        } catch (EngineException e) {
            showError(e);
            return;
        }
        if (!attach(created)) {
            try {
                storage.deleteDisk(created.id());
            } catch (EngineException e) {
                Notifications.error("Disk " + created.name() + " was made but not attached, and deleting it failed: "
                        + e.getMessage());
            }
        }
    }

    private boolean attach(Disk disk) {
        try {
            Disk attached = storage.attach(vm.id(), disk.id());
            Notifications.success("Disk " + attached.name() + " attached to " + vm.name() + " as " + attached.target());
            close();
            afterAdd.run();
            return true;
        } catch (EngineException e) {
            showError(e);
            return false;
        }
    }

    private void showError(EngineException e) {
        showError(e instanceof EngineProblemException p ? p.problem().message() : e.getMessage());
    }

    private void showError(String text) {
        error.setText(text);
        error.setVisible(true);
    }
}
