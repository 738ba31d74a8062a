package dev.vireo.ui.vms;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.vireo.ui.common.Confirm;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.EngineProblemException;
import dev.vireo.ui.engine.Job;
import dev.vireo.ui.engine.Vm;
import dev.vireo.ui.engine.VmAction;

/**
 * The per-VM buttons: Start, Shut down, Power off (confirmed), Delete (confirmed), Boot output,
 * Placement, Console, and for administrators Migrate (a dialog: the scheduler's choice or a named host). Each is one engine call; the engine decides whether it is allowed and says why not.
 * A Start that the scheduler refuses (409 "no host in cluster ...") also opens the VM's placement
 * dialog, so the per-host explanation is there at once.
 * Buttons carry {@code data-action} and {@code data-vm} attributes for browser tests.
 */
public class VmActions {

    private final EngineClient engine;
    private final Runnable afterChange;
    private final boolean admin;

    public VmActions(EngineClient engine, Runnable afterChange) {
        this(engine, afterChange, false);
    }

    /** @param admin whether to offer Migrate (the engine lets only administrators migrate) */
    public VmActions(EngineClient engine, Runnable afterChange, boolean admin) {
        this.engine = engine;
        this.afterChange = afterChange;
        this.admin = admin;
    }

    LitRenderer<Vm> renderer() {
        return LitRenderer.<Vm>of("""
                        <vaadin-horizontal-layout theme="spacing-xs" style="flex-wrap:nowrap">
                          <vaadin-button theme="small" data-action="start" data-vm="${item.name}" @click="${startVm}">Start</vaadin-button>
                          <vaadin-button theme="small" data-action="shutdown" data-vm="${item.name}" @click="${shutdownVm}">Shut down</vaadin-button>
                          <vaadin-button theme="small error" data-action="poweroff" data-vm="${item.name}" @click="${powerOffVm}">Power off</vaadin-button>
                          <vaadin-button theme="small error tertiary icon" title="Delete" aria-label="Delete" data-action="delete" data-vm="${item.name}" @click="${deleteVm}"><vaadin-icon icon="vaadin:trash"></vaadin-icon></vaadin-button>
                          <vaadin-button theme="small tertiary icon" title="Boot output" aria-label="Boot output" data-action="boot-output" data-vm="${item.name}" @click="${showBootOutput}"><vaadin-icon icon="vaadin:terminal"></vaadin-icon></vaadin-button>
                          <vaadin-button theme="small tertiary icon" title="Placement" aria-label="Placement" data-action="placement" data-vm="${item.name}" @click="${showPlacement}"><vaadin-icon icon="vaadin:sitemap"></vaadin-icon></vaadin-button>
                          <vaadin-button theme="small tertiary icon" title="Console" aria-label="Console" data-action="console" data-vm="${item.name}" @click="${openConsole}"><vaadin-icon icon="vaadin:desktop"></vaadin-icon></vaadin-button>
                        """ + (admin ? MIGRATE_BUTTON : "") + "</vaadin-horizontal-layout>")
                .withProperty("name", Vm::name)
                .withFunction("startVm", vm -> run(vm, VmAction.START))
                .withFunction("shutdownVm", vm -> run(vm, VmAction.SHUTDOWN))
                .withFunction("powerOffVm", this::confirmPowerOff)
                .withFunction("deleteVm", this::confirmDelete)
                .withFunction("showBootOutput", vm -> new BootOutputDialog(engine, vm).open())
                .withFunction("showPlacement", vm -> PlacementDialog.showFor(engine, vm))
                .withFunction("openConsole", vm -> com.vaadin.flow.component.UI.getCurrent()
                        .navigate(dev.vireo.ui.console.ConsoleView.class,
                                new com.vaadin.flow.router.RouteParameters("vmId", vm.id())))
                .withFunction("migrateVm", vm -> MigrateDialog.open(engine, vm, afterChange));
    }

    /** The actions column's width: room for every button of the row. */
    String columnWidth() {
        return admin ? "456px" : "420px";
    }

    private static final String MIGRATE_BUTTON = """
            <vaadin-button theme="small tertiary icon" title="Migrate" aria-label="Migrate" data-action="migrate" data-vm="${item.name}" @click="${migrateVm}"><vaadin-icon icon="vaadin:exchange"></vaadin-icon></vaadin-button>
            """;

    /**
     * The same actions as buttons for one VM's page (plus Reboot, Pause, Resume); Power off and Delete
     * are confirmed, and a confirmed Delete runs {@code afterDelete} (the page is gone).
     */
    public Toolbar toolbar(Vm vm, Runnable afterDelete) {
        Toolbar bar = new Toolbar();
        bar.setId("vm-actions");
        bar.setSpacing(true);
        bar.getStyle().set("flex-wrap", "wrap");
        for (VmAction a : VmAction.values()) {
            Button b = button(a.label(), a.path(), vm, a == VmAction.POWEROFF
                    ? () -> confirmPowerOff(vm) : () -> run(vm, a));
            if (a == VmAction.POWEROFF) {
                b.addThemeVariants(ButtonVariant.LUMO_ERROR);
            }
            bar.actions.put(a, b);
            bar.add(b);
        }
        Button delete = button("Delete", "delete", vm, () -> confirm("Delete " + vm.name() + "?",
                "VM " + vm.name() + " will be removed for good. Only a VM that is down can be deleted.",
                "Delete", () -> {
                    if (deleted(vm)) {
                        afterDelete.run();
                    }
                }));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        bar.delete = delete;
        bar.add(delete, button("Boot output", "boot-output", vm, () -> new BootOutputDialog(engine, vm).open()));
        if (admin) {
            bar.migrate = button("Migrate", "migrate", vm, () -> MigrateDialog.open(engine, vm, afterChange));
            bar.add(bar.migrate);
        }
        bar.update(vm.status());
        return bar;
    }

    /** A VM page's buttons; only those that apply to the VM's state are enabled. */
    public static final class Toolbar extends HorizontalLayout {
        private final java.util.Map<VmAction, Button> actions = new java.util.EnumMap<>(VmAction.class);
        private Button delete;
        private Button migrate;

        public void update(dev.vireo.ui.engine.VmStatus status) {
            actions.forEach((a, b) -> b.setEnabled(a.appliesTo(status)));
            delete.setEnabled(status == dev.vireo.ui.engine.VmStatus.DOWN);
            if (migrate != null) {
                migrate.setEnabled(status == dev.vireo.ui.engine.VmStatus.RUNNING);
            }
        }
    }

    private static Button button(String label, String action, Vm vm, Runnable click) {
        Button b = new Button(label, e -> click.run());
        b.addThemeVariants(ButtonVariant.LUMO_SMALL);
        b.getElement().setAttribute("data-action", action);
        b.getElement().setAttribute("data-vm", vm.name());
        return b;
    }

    public void run(Vm vm, VmAction action) {
        try {
            Job job = engine.vmAction(vm.id(), action);
            Notifications.success(action.label() + " " + vm.name() + ": job " + job.id() + " " + job.status());
        } catch (EngineException e) {
            Notifications.engineError(e);
            if (action == VmAction.START && noHostCanRunIt(e)) {
                PlacementDialog.showFor(engine, vm);
            }
        }
        afterChange.run();
    }

    /** The scheduler's refusal of a start: 409 with a detail like "no host in cluster 'x' can run VM y ...". */
    static boolean noHostCanRunIt(EngineException e) {
        return e instanceof EngineProblemException p && p.status() == 409
                && p.problem().detail() != null && p.problem().detail().startsWith("no host in cluster");
    }

    public void delete(Vm vm) {
        deleted(vm);
    }

    private boolean deleted(Vm vm) {
        boolean ok = false;
        try {
            engine.deleteVm(vm.id());
            Notifications.success("Deleted " + vm.name());
            ok = true;
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
        afterChange.run();
        return ok;
    }

    private void confirmPowerOff(Vm vm) {
        confirm("Power off " + vm.name() + "?",
                "This pulls the plug on VM " + vm.name() + ": the guest gets no chance to shut down cleanly.",
                "Power off", () -> run(vm, VmAction.POWEROFF));
    }

    private void confirmDelete(Vm vm) {
        confirm("Delete " + vm.name() + "?",
                "VM " + vm.name() + " will be removed for good. Only a VM that is down can be deleted.",
                "Delete", () -> delete(vm));
    }

    private static void confirm(String header, String text, String confirmText, Runnable onConfirm) {
        Confirm.ask("vm-confirm", header, text, confirmText, onConfirm);
    }
}
