package dev.vireo.ui.vms;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.LogicalNetwork;
import dev.vireo.ui.engine.NetworkClient;
import dev.vireo.ui.engine.NewVm;
import dev.vireo.ui.engine.ProvisioningClient;
import dev.vireo.ui.engine.Template;
import dev.vireo.ui.engine.Vm;

import java.util.List;

/**
 * Name, memory and vCPUs, and optionally a template with who may log in (user, SSH key, password) and a network
 * for its first NIC; then {@code POST /api/v1/vms} (and the NIC). The engine validates and explains.
 */
public class NewVmForm extends VerticalLayout {

    static final int DEFAULT_MEMORY_MIB = 128;
    static final int DEFAULT_VCPUS = 1;

    private final TextField name = new TextField("New VM name");
    private final ComboBox<Template> template = new ComboBox<>("From template");
    private final IntegerField memory = new IntegerField("Memory MiB");
    private final IntegerField vcpus = new IntegerField("vCPUs");
    private final TextField user = new TextField("Log in as");
    private final TextArea sshKey = new TextArea("SSH public key");
    private final PasswordField password = new PasswordField("Password (optional)");
    private final ComboBox<LogicalNetwork> network = new ComboBox<>("Network");
    private final TextField address = new TextField("IP address/prefix");
    private final TextField gateway = new TextField("Gateway");
    private final HorizontalLayout login = new HorizontalLayout(user, sshKey, password, network, address, gateway);

    public NewVmForm(EngineClient engine, Runnable afterCreate) {
        setId("new-vm-form");
        setPadding(false);
        setSpacing(false);
        name.setId("new-vm-name");
        name.setPlaceholder("e.g. web-1");
        name.setClearButtonVisible(true);
        template.setId("new-vm-template");
        template.setPlaceholder("none: the guest kit");
        template.setClearButtonVisible(true);
        template.setItemLabelGenerator(NewVmForm::label);
        template.setWidth("22em");
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
        user.setId("new-vm-user");
        user.setPlaceholder("debian");
        user.setWidth("9em");
        sshKey.setId("new-vm-ssh-key");
        sshKey.setPlaceholder("ssh-ed25519 AAAA… you@laptop");
        sshKey.setWidth("26em");
        password.setId("new-vm-password");
        network.setId("new-vm-network");
        network.setItemLabelGenerator(LogicalNetwork::name);
        network.setPlaceholder("none");
        network.setClearButtonVisible(true);
        address.setId("new-vm-address");
        address.setPlaceholder("DHCP");
        address.setWidth("11em");
        gateway.setId("new-vm-gateway");
        gateway.setWidth("9em");
        login.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        login.setVisible(false);
        try {
            template.setItems(new ProvisioningClient(engine).templates());
            network.setItems(new NetworkClient(engine).networks());
        } catch (EngineException e) {
            template.setHelperText("templates unavailable: " + e.getMessage());
        }
        template.addValueChangeListener(e -> {
            login.setVisible(e.getValue() != null);
            if (e.getValue() != null) {
                memory.setValue(e.getValue().memoryMiB());
                vcpus.setValue(e.getValue().vcpus());
            }
        });

        Button create = new Button("Create VM", e -> create(engine, afterCreate));
        create.setId("new-vm-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickShortcut(Key.ENTER).listenOn(this);
        HorizontalLayout basics = new HorizontalLayout(name, template, memory, vcpus, create);
        basics.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(basics, login);
    }

    /** "debian-12 · Debian GNU/Linux 12 (bookworm) · 3 GiB disk" */
    static String label(Template t) {
        StringBuilder s = new StringBuilder(t.name());
        if (t.osName() != null) {
            s.append(" · ").append(t.osName());
        }
        if (t.diskSizeBytes() != null) {
            s.append(" · ").append(dev.vireo.ui.storage.Sizes.of(t.diskSizeBytes())).append(" disk");
        }
        return s.toString();
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
        Template from = template.getValue();
        NewVm request = from == null ? new NewVm(n, mem, cpus)
                : new NewVm(n, mem, cpus, null, null, null, from.id(), cloudInit());
        try {
            Vm vm = engine.createVm(request);
            if (from != null && network.getValue() != null) {
                new ProvisioningClient(engine).addNic(vm.id(), network.getValue().id());
            }
            Notifications.success("Created VM " + vm.name());
            name.clear();
            password.clear();
            afterCreate.run();
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
    }

    private NewVm.CloudInit cloudInit() {
        String u = user.getValue().isBlank() ? null : user.getValue().strip();
        String key = sshKey.getValue().strip();
        String pw = password.getValue().isEmpty() ? null : password.getValue();
        // the key box keeps what was pasted: a second line is the engine's to refuse, never cut off here
        String ip = address.getValue().strip();
        String gw = gateway.getValue().strip();
        return new NewVm.CloudInit(u, key.isEmpty() ? null : List.of(key), pw,
                ip.isEmpty() ? null : new NewVm.Ip(ip, gw.isEmpty() ? null : gw));
    }
}
