package dev.vireo.ui.clusters;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.AffinityGroup;
import dev.vireo.ui.engine.Cluster;
import dev.vireo.ui.engine.ClusterClient;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.Host;
import dev.vireo.ui.engine.Vm;
import dev.vireo.ui.engine.VmQuery;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A new affinity group: its name, the VMs' rule among each other (together, apart, or none), their rule
 * towards some hosts (only on, never on, or none), hard or soft, and the VMs and hosts. The VM chooser
 * searches the engine by name (lazy, never the whole list; the engine cannot narrow it to one cluster, so a
 * VM of another cluster is refused by the engine, which names the cluster); the engine judges the group.
 */
class AffinityGroupDialog extends Dialog {

    private final TextField name = new TextField("Name");
    private final Select<String> vmPolarity = polarity("VMs among each other", "affinity-vm-polarity", true);
    private final Select<String> hostPolarity = polarity("VMs and these hosts", "affinity-host-polarity", false);
    private final Checkbox hard = new Checkbox("Hard (a filter that is never broken; soft only weighs)", true);
    private final MultiSelectComboBox<Vm> vms = new MultiSelectComboBox<>("VMs");
    private final MultiSelectComboBox<Host> hosts = new MultiSelectComboBox<>("Hosts");

    AffinityGroupDialog(EngineClient engine, ClusterClient clusters, Cluster cluster, Runnable afterSave) {
        setId("affinity-dialog");
        setHeaderTitle("New affinity group in " + cluster.name());
        name.setId("affinity-name");
        name.setRequired(true);
        hard.setId("affinity-hard");
        vms.setId("affinity-vms");
        vms.setPlaceholder("type to search");
        vms.setItemLabelGenerator(Vm::name);
        vms.setItems(q -> engine.vmRange(q.getOffset(), q.getLimit(), new VmQuery("name", true,
                q.getFilter().map(f -> f.length() > 64 ? f.substring(0, 64) : f).orElse(null))).stream());
        hosts.setId("affinity-hosts");
        hosts.setItemLabelGenerator(Host::name);
        try {
            hosts.setItems(engine.hostRange(0, 1000).stream().filter(h -> cluster.id().equals(h.clusterId())).toList());
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
        FormLayout form = new FormLayout(name, hard, vmPolarity, hostPolarity, vms, hosts);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("480px", 2));
        add(form);
        setWidth("min(720px, 95vw)");

        Button save = new Button("Create", e -> save(clusters, cluster, afterSave));
        save.setId("affinity-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    private static Select<String> polarity(String label, String id, boolean forVms) {
        Select<String> s = new Select<>();
        s.setLabel(label);
        s.setId(id);
        s.setItems("NONE", "POSITIVE", "NEGATIVE");
        s.setItemLabelGenerator(forVms ? AffinityGroupDialog::vmRule : AffinityGroupDialog::hostRule);
        s.setValue("NONE");
        return s;
    }

    /** POSITIVE → "together", NEGATIVE → "apart", NONE → "no rule". */
    static String vmRule(String polarity) {
        return switch (polarity == null ? "NONE" : polarity) {
            case "POSITIVE" -> "together";
            case "NEGATIVE" -> "apart";
            case "NONE" -> "no rule";
            default -> polarity;
        };
    }

    /** POSITIVE → "only on", NEGATIVE → "never on", NONE → "no rule". */
    static String hostRule(String polarity) {
        return switch (polarity == null ? "NONE" : polarity) {
            case "POSITIVE" -> "only on";
            case "NEGATIVE" -> "never on";
            case "NONE" -> "no rule";
            default -> polarity;
        };
    }

    /** The request as the form holds it; the engine explains what does not make a group. */
    static AffinityGroup.Create request(String name, String vmPolarity, String hostPolarity, boolean hard,
                                        Collection<String> vmIds, Collection<String> hostIds) {
        return new AffinityGroup.Create(name == null ? null : name.strip(), vmPolarity, hostPolarity, hard,
                Set.copyOf(vmIds), Set.copyOf(hostIds));
    }

    private void save(ClusterClient clusters, Cluster cluster, Runnable afterSave) {
        AffinityGroup.Create r = request(name.getValue(), vmPolarity.getValue(), hostPolarity.getValue(), hard.getValue(),
                vms.getValue().stream().map(Vm::id).collect(Collectors.toSet()),
                hosts.getValue().stream().map(Host::id).collect(Collectors.toSet()));
        try {
            AffinityGroup g = clusters.createAffinityGroup(cluster.id(), r);
            Notifications.success("Created affinity group " + g.name());
            close();
            afterSave.run();
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
    }
}
