package dev.vireo.ui.vms;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.BulkStart;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.Vm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * "Start selected (N)": the VMs ticked in the grid, started with one bulk request (one placement batch
 * in the engine). Each VM the engine refuses is named with its reason; the others start.
 */
class StartSelectedButton extends Button {
    /** what one bulk request of the engine takes */
    static final int MAX = 500;

    private final EngineClient engine;
    private final Supplier<Set<Vm>> selection;
    private final Runnable afterStart;

    StartSelectedButton(EngineClient engine, Supplier<Set<Vm>> selection, Runnable afterStart) {
        super("Start selected", VaadinIcon.PLAY.create());
        this.engine = engine;
        this.selection = selection;
        this.afterStart = afterStart;
        setId("start-selected");
        addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        addClickListener(e -> start());
        selectionChanged(0);
    }

    void selectionChanged(int selected) {
        setText(selected == 0 ? "Start selected" : "Start selected (" + selected + ")");
        setEnabled(selected > 0);
    }

    private void start() {
        List<Vm> asked = new ArrayList<>(selection.get());
        if (asked.size() > MAX) {
            Notifications.error("Select at most " + MAX + " VMs to start at once (" + asked.size() + " are selected)");
            return;
        }
        setEnabled(false);
        try {
            BulkStart answer = engine.startVms(asked.stream().map(Vm::id).toList());
            if (answer.refused() == 0) {
                Notifications.success(summary(asked, answer));
            } else {
                Notifications.error(summary(asked, answer));
            }
        } catch (EngineException e) {
            Notifications.engineError(e);
        } finally {
            afterStart.run();
        }
    }

    /** "Starting 3 VMs", or which were refused and why (the first few reasons; the rest counted). */
    static String summary(List<Vm> asked, BulkStart answer) {
        Map<String, String> names = new HashMap<>();
        asked.forEach(vm -> names.put(vm.id(), vm.name()));
        if (answer.refused() == 0) {
            return "Starting " + answer.accepted() + (answer.accepted() == 1 ? " VM" : " VMs");
        }
        StringBuilder text = new StringBuilder("Starting " + answer.accepted() + " of " + answer.results().size()
                + "; not started: ");
        List<BulkStart.Outcome> refused = answer.results().stream().filter(o -> !o.accepted()).toList();
        for (int i = 0; i < Math.min(3, refused.size()); i++) {
            BulkStart.Outcome o = refused.get(i);
            text.append(i == 0 ? "" : "; ").append(names.getOrDefault(o.vmId(), o.vmId())).append(" (").append(o.error()).append(")");
        }
        if (refused.size() > 3) {
            text.append("; and ").append(refused.size() - 3).append(" more");
        }
        return text.toString();
    }
}
