package dev.vireo.ui.vms;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
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
 * Placement, Console. Each is one engine call; the engine decides whether it is allowed and says why not.
 * A Start that the scheduler refuses (409 "no host in cluster ...") also opens the VM's placement
 * dialog, so the per-host explanation is there at once.
 * Buttons carry {@code data-action} and {@code data-vm} attributes for browser tests.
 */
public class VmActions {

    private final EngineClient engine;
    private final Runnable afterChange;

    public VmActions(EngineClient engine, Runnable afterChange) {
        this.engine = engine;
        this.afterChange = afterChange;
    }

    LitRenderer<Vm> renderer() {
        return LitRenderer.<Vm>of("""
                        <vaadin-horizontal-layout theme="spacing-xs" style="flex-wrap:nowrap">
                          <vaadin-button theme="small" data-action="start" data-vm="${item.name}" @click="${startVm}">Start</vaadin-button>
                          <vaadin-button theme="small" data-action="shutdown" data-vm="${item.name}" @click="${shutdownVm}">Shut down</vaadin-button>
                          <vaadin-button theme="small error" data-action="poweroff" data-vm="${item.name}" @click="${powerOffVm}">Power off</vaadin-button>
                          <vaadin-button theme="small error" data-action="delete" data-vm="${item.name}" @click="${deleteVm}">Delete</vaadin-button>
                          <vaadin-button theme="small tertiary" data-action="boot-output" data-vm="${item.name}" @click="${showBootOutput}">Boot output</vaadin-button>
                          <vaadin-button theme="small tertiary" data-action="placement" data-vm="${item.name}" @click="${showPlacement}">Placement</vaadin-button>
                          <vaadin-button theme="small tertiary" data-action="console" data-vm="${item.name}" @click="${openConsole}">Console</vaadin-button>
                        </vaadin-horizontal-layout>""")
                .withProperty("name", Vm::name)
                .withFunction("startVm", vm -> run(vm, VmAction.START))
                .withFunction("shutdownVm", vm -> run(vm, VmAction.SHUTDOWN))
                .withFunction("powerOffVm", this::confirmPowerOff)
                .withFunction("deleteVm", this::confirmDelete)
                .withFunction("showBootOutput", vm -> new BootOutputDialog(engine, vm).open())
                .withFunction("showPlacement", vm -> PlacementDialog.showFor(engine, vm))
                .withFunction("openConsole", vm -> com.vaadin.flow.component.UI.getCurrent()
                        .navigate(dev.vireo.ui.console.ConsoleView.class,
                                new com.vaadin.flow.router.RouteParameters("vmId", vm.id())));
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
        try {
            engine.deleteVm(vm.id());
            Notifications.success("Deleted " + vm.name());
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
        afterChange.run();
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
        ConfirmDialog d = new ConfirmDialog();
        d.setId("vm-confirm");
        d.setHeader(header);
        d.setText(text);
        d.setCancelable(true);
        d.setConfirmText(confirmText);
        d.setConfirmButtonTheme("error primary");
        d.addConfirmListener(e -> onConfirm.run());
        d.open();
    }
}
