package dev.vireo.ui.clusters;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.ClusterClient;
import dev.vireo.ui.engine.Cluster;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.SchedulingPolicy;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A cluster's scheduling policy: the named policy, a factor per weight unit, vCPU overcommit, VMs per host
 * and the utilization thresholds. Save sends {@link SchedulingUpdates#of}; the engine validates, and on a
 * refusal its reason shows in a notification while the form keeps what was typed.
 */
class SchedulingForm extends VerticalLayout {

    private final ClusterClient clusters;
    private final Cluster cluster;
    private final Select<String> policy = new Select<>();
    private final Map<String, NumberField> weights = new LinkedHashMap<>();
    private final FormLayout weightFields = new FormLayout();
    private final NumberField overcommit = new NumberField("vCPU overcommit");
    private final IntegerField maxVms = new IntegerField("Max VMs per host");
    private final IntegerField high = new IntegerField("High utilization %");
    private final IntegerField low = new IntegerField("Low utilization %");
    private final Span note = new Span();
    private final Span filters = new Span();
    private SchedulingPolicy loaded;

    SchedulingForm(ClusterClient clusters, Cluster cluster) {
        this.clusters = clusters;
        this.cluster = cluster;
        setId("scheduling-form");
        setPadding(false);
        policy.setLabel("Policy");
        policy.setId("scheduling-policy");
        policy.setItemLabelGenerator(SchedulingForm::label);
        policy.setWidth("16em");
        policy.addValueChangeListener(e -> showNote());
        overcommit.setId("scheduling-overcommit");
        overcommit.setHelperText("vCPUs per physical CPU");
        overcommit.setStep(0.1);
        maxVms.setId("scheduling-max-vms");
        maxVms.setHelperText("0: no limit");
        high.setId("scheduling-high");
        high.setHelperText("above: over-utilized");
        low.setId("scheduling-low");
        low.setHelperText("below: under-utilized");
        note.setId("scheduling-note");
        note.addClassName("vireo-muted");
        filters.setId("scheduling-filters");
        filters.addClassName("vireo-muted");
        responsive(weightFields);
        weightFields.setId("scheduling-weights");
        FormLayout limits = new FormLayout(overcommit, maxVms, high, low);
        responsive(limits);

        Button save = new Button("Save", e -> save());
        save.setId("scheduling-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button reload = new Button("Reload", e -> load());
        reload.setId("scheduling-reload");
        add(policy, new H4("Weight factors"), note, weightFields, new H4("Limits"), limits, filters,
                new HorizontalLayout(save, reload));
        load();
    }

    private static void responsive(FormLayout f) {
        f.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("480px", 3),
                new FormLayout.ResponsiveStep("900px", 5));
    }

    /** "POWER_SAVING" → "power_saving", as oVirt names its policies. */
    static String label(String policyName) {
        return policyName == null ? "" : policyName.toLowerCase(Locale.ROOT);
    }

    void load() {
        try {
            show(clusters.scheduling(cluster.id()));
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
    }

    private void show(SchedulingPolicy p) {
        loaded = p;
        policy.setItems(p.availablePolicies());
        policy.setValue(p.policy());
        if (weights.isEmpty()) {
            for (String unit : p.availableWeights()) {
                NumberField f = new NumberField(unit);
                f.setId("weight-" + unit);
                f.setPlaceholder("0");
                f.setStep(0.5);
                f.addValueChangeListener(e -> showNote());
                weights.put(unit, f);
                weightFields.add(f);
            }
        }
        weights.forEach((unit, f) -> f.setValue(p.weightFactors().get(unit)));
        overcommit.setValue(p.vcpuOvercommit());
        maxVms.setValue(p.maxVmsPerHost());
        high.setValue(p.highUtilization());
        low.setValue(p.lowUtilization());
        filters.setText("Filters (always on): " + String.join(", ", p.filters()));
        showNote();
    }

    private Map<String, Double> factors() {
        Map<String, Double> out = new LinkedHashMap<>();
        weights.forEach((unit, f) -> out.put(unit, f.getValue()));
        return out;
    }

    private void showNote() {
        boolean preset = loaded != null && SchedulingUpdates.resetsFactors(loaded, policy.getValue(), factors());
        note.setText(preset ? "Saving applies the preset factors of " + label(policy.getValue())
                + "; change a factor to set your own." : "A unit left empty or 0 does not count.");
    }

    private void save() {
        SchedulingPolicy.Update update = SchedulingUpdates.of(loaded, policy.getValue(), factors(),
                overcommit.getValue(), maxVms.getValue(), high.getValue(), low.getValue());
        try {
            SchedulingPolicy saved = clusters.updateScheduling(cluster.id(), update);
            show(saved);
            Notifications.success("Saved the scheduling policy of " + cluster.name() + ": " + label(saved.policy())
                    + " " + SchedulingUpdates.named(saved.weightFactors()));
        } catch (EngineException e) {
            // the form keeps what was typed: the admin corrects the one field the engine named
            Notifications.engineError(e);
        }
    }
}
