package dev.vireo.ui.clusters;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.Cluster;
import dev.vireo.ui.engine.ClusterClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.MigrationPolicy;

/**
 * A cluster's live migration policy: maximum downtime, bandwidth cap, migrations per host at a time,
 * auto-converge and post-copy. The engine validates; a refusal keeps the form as typed.
 */
class MigrationPolicyForm extends VerticalLayout {

    private final ClusterClient clusters;
    private final Cluster cluster;
    private final IntegerField downtime = field("Max downtime ms", "migration-max-downtime", "0: libvirt's default");
    private final IntegerField bandwidth = field("Bandwidth MiB/s", "migration-bandwidth", "0: no cap");
    private final IntegerField parallel = field("Parallel per host", "migration-parallel", "1 to 32");
    private final Checkbox autoConverge = new Checkbox("Auto-converge (slow the guest's vCPUs down if it dirties memory too fast)");
    private final Checkbox postCopy = new Checkbox("Post-copy (switch over early, fetch the rest of memory on demand)");

    MigrationPolicyForm(ClusterClient clusters, Cluster cluster) {
        this.clusters = clusters;
        this.cluster = cluster;
        setId("migration-form");
        setPadding(false);
        autoConverge.setId("migration-auto-converge");
        postCopy.setId("migration-post-copy");
        FormLayout form = new FormLayout(downtime, bandwidth, parallel);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("480px", 3));
        Button save = new Button("Save", e -> save());
        save.setId("migration-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button reload = new Button("Reload", e -> load());
        reload.setId("migration-reload");
        add(form, autoConverge, postCopy, new HorizontalLayout(save, reload));
        load();
    }

    private static IntegerField field(String label, String id, String helper) {
        IntegerField f = new IntegerField(label);
        f.setId(id);
        f.setHelperText(helper);
        return f;
    }

    void load() {
        try {
            show(clusters.migration(cluster.id()));
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
    }

    private void show(MigrationPolicy p) {
        downtime.setValue(p.maxDowntimeMs());
        bandwidth.setValue(p.bandwidthMiBps());
        parallel.setValue(p.parallelPerHost());
        autoConverge.setValue(Boolean.TRUE.equals(p.autoConverge()));
        postCopy.setValue(Boolean.TRUE.equals(p.postCopy()));
    }

    private void save() {
        // an empty field is null: the engine keeps that value
        MigrationPolicy update = new MigrationPolicy(downtime.getValue(), bandwidth.getValue(), parallel.getValue(),
                autoConverge.getValue(), postCopy.getValue());
        try {
            show(clusters.updateMigration(cluster.id(), update));
            Notifications.success("Saved the migration policy of " + cluster.name());
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
    }
}
