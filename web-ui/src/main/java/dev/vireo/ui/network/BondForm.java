package dev.vireo.ui.network;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.vireo.ui.engine.HostNic;
import java.util.List;
import java.util.function.Function;

/** New bond: name, member NICs, mode, LACP rate (LACP modes only) and miimon; Add puts it into the draft. */
class BondForm extends FormLayout {

    private final TextField name = new TextField("Bond name");
    private final MultiSelectComboBox<String> members = new MultiSelectComboBox<>("Members");
    private final Select<String> mode = new Select<>();
    private final Select<String> lacpRate = new Select<>();
    private final IntegerField miimon = new IntegerField("miimon ms");

    /** @param add takes the form's bond and answers what is wrong, or null when the draft took it */
    BondForm(Function<BondForm, String> add, java.util.function.Consumer<String> showError) {
        setId("bond-form");
        name.setId("bond-name");
        name.setValue("bond0");
        members.setId("bond-members");
        mode.setId("bond-mode");
        mode.setLabel("Mode");
        mode.setItems(SetupDraft.MODE_ORDER);
        mode.setItemLabelGenerator(SetupDraft.MODES::get);
        mode.setValue("active-backup");
        lacpRate.setId("bond-lacp-rate");
        lacpRate.setLabel("LACP rate");
        lacpRate.setItems("slow", "fast");
        lacpRate.setValue("fast");
        miimon.setId("bond-miimon");
        miimon.setValue(100);
        miimon.setMin(0);
        miimon.setMax(60_000);
        miimon.setPlaceholder("carrier");
        miimon.setHelperText("link checks every that many ms; empty: carrier");
        mode.addValueChangeListener(e -> lacpRate.setEnabled(SetupDraft.lacp(e.getValue())));
        lacpRate.setEnabled(false);
        Button addBond = new Button("Add bond", e -> {
            String why = add.apply(this);
            showError.accept(why);
            if (why == null) {
                members.clear();
            }
        });
        addBond.setId("bond-add");
        addBond.addThemeVariants(ButtonVariant.LUMO_SMALL);
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("600px", 6));
        add(name, members, mode, lacpRate, miimon, addBond);
        setColspan(members, 2);
    }

    void nics(List<HostNic> nics) {
        var chosen = members.getValue();
        members.setItems(nics.stream().filter(HostNic::nic).map(HostNic::name).sorted().toList());
        members.setValue(chosen);
    }

    String name() {
        return name.getValue();
    }

    List<String> members() {
        return members.getValue().stream().sorted().toList();
    }

    String mode() {
        return mode.getValue();
    }

    String lacpRate() {
        return lacpRate.getValue();
    }

    Integer miimonMs() {
        return miimon.getValue();
    }
}
