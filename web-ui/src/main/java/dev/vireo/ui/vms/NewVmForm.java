package dev.vireo.ui.vms;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.NewVm;
import dev.vireo.ui.engine.Vm;

/** Name, memory and vCPUs, then {@code POST /api/v1/vms}; the engine validates and explains. */
public class NewVmForm extends HorizontalLayout {

    static final int DEFAULT_MEMORY_MIB = 128;
    static final int DEFAULT_VCPUS = 1;

    private final TextField name = new TextField("New VM name");
    private final IntegerField memory = new IntegerField("Memory MiB");
    private final IntegerField vcpus = new IntegerField("vCPUs");

    public NewVmForm(EngineClient engine, Runnable afterCreate) {
        setId("new-vm-form");
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        name.setId("new-vm-name");
        name.setPlaceholder("e.g. web-1");
        name.setClearButtonVisible(true);
        memory.setId("new-vm-memory");
        memory.setValue(DEFAULT_MEMORY_MIB);
        memory.setMin(1);
        memory.setStep(64);
        memory.setStepButtonsVisible(true);
        memory.setWidth("10em");
        vcpus.setId("new-vm-vcpus");
        vcpus.setValue(DEFAULT_VCPUS);
        vcpus.setMin(1);
        vcpus.setStepButtonsVisible(true);
        vcpus.setWidth("7em");

        Button create = new Button("Create VM", e -> create(engine, afterCreate));
        create.setId("new-vm-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickShortcut(Key.ENTER).listenOn(this);
        add(name, memory, vcpus, create);
    }

    private void create(EngineClient engine, Runnable afterCreate) {
        String n = name.getValue().strip();
        if (n.isEmpty()) {
            name.setErrorMessage("Give the VM a name");
            name.setInvalid(true);
            return;
        }
        name.setInvalid(false);
        int mem = memory.getValue() == null ? DEFAULT_MEMORY_MIB : memory.getValue();
        int cpus = vcpus.getValue() == null ? DEFAULT_VCPUS : vcpus.getValue();
        try {
            Vm vm = engine.createVm(new NewVm(n, mem, cpus));
            Notifications.success("Created VM " + vm.name());
            name.clear();
            afterCreate.run();
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
    }
}
