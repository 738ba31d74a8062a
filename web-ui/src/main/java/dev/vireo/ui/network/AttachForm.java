package dev.vireo.ui.network;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import dev.vireo.ui.engine.LogicalNetwork;
import java.util.List;
import java.util.function.Consumer;

/** Attach a logical network to a NIC or bond, with an optional VLAN and MTU for this host. */
class AttachForm extends FormLayout {

    /** What the form asks the draft to do. */
    interface Target {
        String attach(String networkId, String on, Integer vlanId, Integer mtu);
    }

    private final Select<LogicalNetwork> network = new Select<>();
    private final Select<String> on = new Select<>();
    private final IntegerField vlan = new IntegerField("VLAN");
    private final IntegerField mtu = new IntegerField("MTU");

    AttachForm(Target target, Consumer<String> showError) {
        setId("attach-form");
        network.setId("attach-network");
        network.setLabel("Network");
        network.setItemLabelGenerator(n -> n.name() + " (bridge " + n.bridge() + (n.vlanId() == null ? "" : ", VLAN " + n.vlanId()) + ")");
        on.setId("attach-on");
        on.setLabel("On NIC or bond");
        vlan.setId("attach-vlan");
        vlan.setPlaceholder("the network's");
        mtu.setId("attach-mtu");
        mtu.setPlaceholder("the network's");
        Button attach = new Button("Attach network", e -> showError.accept(network.getValue() == null ? "Choose a network"
                : target.attach(network.getValue().id(), on.getValue(), vlan.getValue(), mtu.getValue())));
        attach.setId("attach-add");
        attach.addThemeVariants(ButtonVariant.LUMO_SMALL);
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("600px", 5));
        add(network, on, vlan, mtu, attach);
        setColspan(network, 2);
    }

    void choices(List<LogicalNetwork> networks, List<String> interfaces) {
        LogicalNetwork n = network.getValue();
        network.setItems(networks);
        networks.stream().filter(x -> n != null && x.id().equals(n.id())).findFirst().ifPresent(network::setValue);
        String o = on.getValue();
        on.setItems(interfaces);
        if (o != null && interfaces.contains(o)) {
            on.setValue(o);
        }
    }
}
