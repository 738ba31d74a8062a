package dev.vireo.ui.access;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.AccessClient;
import dev.vireo.ui.engine.Cluster;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.Permission;
import dev.vireo.ui.engine.Vm;
import dev.vireo.ui.engine.VmQuery;
import java.util.List;

/**
 * Grant a role: to a USER or GROUP (by name), USER or ADMIN, on the system, a cluster or a VM. The VM
 * chooser searches by name on the engine (lazy, never the whole list). The engine validates and explains.
 */
class GrantForm extends HorizontalLayout {

    private final Select<String> kind = select("Principal kind", "grant-principal-kind", "USER", "GROUP");
    private final TextField principal = new TextField("User or group");
    private final Select<String> role = select("Role", "grant-role", "USER", "ADMIN");
    private final Select<String> objectKind = select("On", "grant-object-kind", "SYSTEM", "CLUSTER", "VM");
    private final ComboBox<Cluster> cluster = new ComboBox<>("Cluster");
    private final ComboBox<Vm> vm = new ComboBox<>("VM");

    GrantForm(EngineClient engine, AccessClient access, Runnable afterGrant) {
        setId("grant-form");
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        setWrap(true);
        principal.setId("grant-principal");
        principal.setPlaceholder("e.g. alice or team-a");
        principal.setWidth("11em");
        cluster.setId("grant-cluster");
        cluster.setItemLabelGenerator(Cluster::name);
        vm.setId("grant-vm");
        vm.setPlaceholder("type to search");
        vm.setItemLabelGenerator(Vm::name);
        vm.setWidth("13em");
        vm.setItems(q -> engine.vmRange(q.getOffset(), q.getLimit(),
                new VmQuery("name", true, q.getFilter().map(f -> f.length() > 64 ? f.substring(0, 64) : f).orElse(null)))
                .stream());
        objectKind.addValueChangeListener(e -> {
            cluster.setVisible("CLUSTER".equals(e.getValue()));
            vm.setVisible("VM".equals(e.getValue()));
            if ("CLUSTER".equals(e.getValue()) && cluster.getListDataView().getItemCount() == 0) {
                loadClusters(engine);
            }
        });
        cluster.setVisible(false);
        vm.setVisible(false);

        Button grant = new Button("Grant", e -> grant(access, afterGrant));
        grant.setId("grant-submit");
        grant.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(kind, principal, role, objectKind, cluster, vm, grant);
    }

    private void loadClusters(EngineClient engine) {
        try {
            List<Cluster> all = engine.clusters();
            cluster.setItems(all);
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
    }

    private static Select<String> select(String label, String id, String... values) {
        Select<String> s = new Select<>();
        s.setLabel(label);
        s.setId(id);
        s.setItems(values);
        s.setValue(values[0]);
        s.setWidth("8em");
        return s;
    }

    private void grant(AccessClient access, Runnable afterGrant) {
        String objectId = switch (objectKind.getValue()) {
            case "CLUSTER" -> cluster.getValue() == null ? null : cluster.getValue().id();
            case "VM" -> vm.getValue() == null ? null : vm.getValue().id();
            default -> null;
        };
        try {
            Permission p = access.grant(new Permission.Grant(kind.getValue(), principal.getValue().strip(),
                    role.getValue(), objectKind.getValue(), objectId));
            Notifications.success("Granted " + p.role() + " to " + p.principal());
            principal.clear();
            afterGrant.run();
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
    }
}
