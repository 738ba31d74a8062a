package dev.vireo.ui.access;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.AccessClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.Quota;

/** Create or edit a quota: name, whom it is for, and its limits (empty: unlimited). */
class QuotaDialog extends Dialog {

    private final TextField name = new TextField("Name");
    private final Select<String> kind = new Select<>();
    private final TextField principal = new TextField("User or group");
    private final IntegerField maxVms = limit("Max VMs", "quota-max-vms");
    private final IntegerField maxVcpus = limit("Max vCPUs", "quota-max-vcpus");
    private final IntegerField maxMemory = limit("Max memory MiB", "quota-max-memory");

    /** @param existing the quota to edit, or null for a new one; {@code forWhom} is {kind, principal} or null */
    QuotaDialog(AccessClient access, Quota existing, String[] forWhom, Runnable afterSave) {
        setId("quota-dialog");
        setHeaderTitle(existing == null ? "New quota" : "Edit quota " + existing.name());
        name.setId("quota-name");
        name.setRequired(true);
        kind.setLabel("For a");
        kind.setId("quota-principal-kind");
        kind.setItems("USER", "GROUP");
        kind.setValue(forWhom == null ? "USER" : forWhom[0]);
        principal.setId("quota-principal");
        principal.setRequired(true);
        if (forWhom != null) {
            principal.setValue(forWhom[1]);
        }
        if (existing != null) {
            name.setValue(existing.name());
            maxVms.setValue(existing.maxVms());
            maxVcpus.setValue(existing.maxVcpus());
            maxMemory.setValue(existing.maxMemoryMiB() == null ? null : existing.maxMemoryMiB().intValue());
        }
        FormLayout form = new FormLayout(name, kind, principal, maxVms, maxVcpus, maxMemory);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("420px", 3));
        form.setColspan(principal, 2);
        add(form);
        setWidth("min(640px, 95vw)");

        Button save = new Button("Save", e -> save(access, existing, afterSave));
        save.setId("quota-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    private static IntegerField limit(String label, String id) {
        IntegerField f = new IntegerField(label);
        f.setId(id);
        f.setMin(0);
        f.setPlaceholder("unlimited");
        f.setClearButtonVisible(true);
        return f;
    }

    private void save(AccessClient access, Quota existing, Runnable afterSave) {
        Quota.Request r = new Quota.Request(name.getValue().strip(), kind.getValue(), principal.getValue().strip(),
                maxVcpus.getValue(), maxMemory.getValue() == null ? null : maxMemory.getValue().longValue(),
                maxVms.getValue());
        try {
            Quota q = existing == null ? access.createQuota(r) : access.updateQuota(existing.id(), r);
            Notifications.success((existing == null ? "Created" : "Saved") + " quota " + q.name());
            close();
            afterSave.run();
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
    }
}
