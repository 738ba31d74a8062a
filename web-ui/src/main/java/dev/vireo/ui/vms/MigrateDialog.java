package dev.vireo.ui.vms;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.Host;
import dev.vireo.ui.engine.HostStatus;
import dev.vireo.ui.engine.Job;
import dev.vireo.ui.engine.Vm;
import java.util.List;
import java.util.Objects;

/**
 * Live-migrate a VM (administrators): where the scheduler chooses (the default) or to a host named here,
 * one of the cluster's UP hosts other than the VM's own. The engine answers with the migration job (its
 * progress shows in Jobs) or refuses with the reason (no host fits, the VM is not running …), shown as is
 * while the dialog stays open.
 */
class MigrateDialog extends Dialog {

    static final String SCHEDULER = "scheduler";
    static final String NAMED = "host";

    private final RadioButtonGroup<String> target = new RadioButtonGroup<>();
    private final Select<Host> host = new Select<>();

    private MigrateDialog(EngineClient engine, Vm vm, List<Host> destinations, Runnable afterMigrate) {
        setId("migrate-dialog");
        getElement().setAttribute("data-vm", vm.name());
        setHeaderTitle("Migrate " + vm.name());
        Span from = new Span("Now on " + (vm.hostName() == null ? "no host" : vm.hostName()) + ".");
        from.setId("migrate-from");
        target.setId("migrate-target");
        target.setItems(SCHEDULER, NAMED);
        target.setItemLabelGenerator(t -> SCHEDULER.equals(t) ? "Let the scheduler choose" : "Migrate to this host:");
        target.setValue(SCHEDULER);
        target.addThemeName("vertical");
        host.setId("migrate-host");
        host.setItems(destinations);
        host.setItemLabelGenerator(Host::name);
        host.setPlaceholder(destinations.isEmpty() ? "no other host is UP" : "choose a host");
        host.setEnabled(false);
        host.setWidth("18em");
        target.addValueChangeListener(e -> host.setEnabled(NAMED.equals(e.getValue()) && !destinations.isEmpty()));
        if (destinations.size() == 1) {
            host.setValue(destinations.get(0));
        }
        VerticalLayout body = new VerticalLayout(from, target, host);
        body.setPadding(false);
        add(body);

        Button migrate = new Button("Migrate", e -> migrate(engine, vm, afterMigrate));
        migrate.setId("migrate-submit");
        migrate.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> close());
        cancel.setId("migrate-cancel");
        getFooter().add(cancel, migrate);
    }

    /**
     * Re-reads the VM (its host may have changed since the row was drawn) and the hosts, then opens the dialog;
     * if the engine does not answer, says so and opens nothing.
     */
    static void open(EngineClient engine, Vm shown, Runnable afterMigrate) {
        try {
            Vm vm = engine.vm(shown.id());
            new MigrateDialog(engine, vm, destinations(engine.hostRange(0, 1000), vm), afterMigrate).open();
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
    }

    /** Where the VM may be sent by name: UP hosts of its cluster, without the one it runs on, by name. */
    static List<Host> destinations(List<Host> hosts, Vm vm) {
        return hosts.stream()
                .filter(h -> h.status() == HostStatus.UP)
                .filter(h -> !h.id().equals(vm.hostId()))
                .filter(h -> vm.clusterId() == null || h.clusterId() == null || Objects.equals(vm.clusterId(), h.clusterId()))
                .sorted(java.util.Comparator.comparing(Host::name))
                .toList();
    }

    private void migrate(EngineClient engine, Vm vm, Runnable afterMigrate) {
        String hostId = null;
        if (NAMED.equals(target.getValue())) {
            if (host.getValue() == null) {
                Notifications.error("Choose the host to migrate " + vm.name() + " to, or let the scheduler choose.");
                return;
            }
            hostId = host.getValue().id();
        }
        try {
            Job job = engine.migrate(vm.id(), hostId);
            Notifications.success("Migrating " + vm.name() + (hostId == null ? "" : " to " + host.getValue().name())
                    + ": job " + job.id() + " " + job.status() + " (progress in Jobs)");
            close();
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
        afterMigrate.run();
    }
}
