package dev.vireo.ui.vms;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.shared.Registration;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.Vm;

/**
 * A VM's serial console log ({@code GET /api/v1/vms/{id}/console-log}), monospace, scrolled to the
 * end. While "Follow" is ticked it re-reads the log on every UI poll.
 */
public class BootOutputDialog extends Dialog {

    /** Show at most the tail this long; a chatty guest's log can be many megabytes. */
    static final int MAX_CHARS = 256 * 1024;

    private final EngineClient engine;
    private final Vm vm;
    private final Pre output = new Pre();
    private final Checkbox follow = new Checkbox("Follow", true);
    private String shown = "";
    private Registration pollRegistration;

    public BootOutputDialog(EngineClient engine, Vm vm) {
        this.engine = engine;
        this.vm = vm;
        setId("boot-output-dialog");
        setHeaderTitle("Boot output — " + vm.name());
        setWidth("min(1000px, 95vw)");
        setResizable(true);
        setDraggable(true);
        // modeless: a modal dialog makes the page inert and Vaadin then drops the UI poll, so Follow would stall
        setModal(false);

        output.setId("boot-output");
        output.getStyle()
                .set("font-family", "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace")
                .set("font-size", "var(--lumo-font-size-s)")
                .set("line-height", "1.35")
                .set("white-space", "pre-wrap")
                .set("overflow-wrap", "anywhere")
                .set("height", "60vh")
                .set("overflow", "auto")
                .set("margin", "0")
                .set("padding", "var(--lumo-space-s)")
                .set("background", "var(--lumo-contrast-5pct)")
                .set("border-radius", "var(--lumo-border-radius-m)");
        add(output);

        Button refresh = new Button("Refresh", e -> load(true));
        Button close = new Button("Close", e -> close());
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(follow, refresh, close);
        load(true);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        pollRegistration = event.getUI().addPollListener(e -> {
            if (follow.getValue()) {
                load(false);
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (pollRegistration != null) {
            pollRegistration.remove();
            pollRegistration = null;
        }
        super.onDetach(event);
    }

    private void load(boolean userAsked) {
        String text;
        try {
            text = engine.consoleLog(vm.id());
        } catch (EngineException e) {
            if (userAsked) {
                Notifications.engineError(e);
            }
            return;
        }
        if (text.length() > MAX_CHARS) {
            text = "… (earlier output cut)\n" + text.substring(text.length() - MAX_CHARS);
        }
        if (text.isEmpty()) {
            text = "(no output yet)";
        }
        if (!text.equals(shown) || userAsked) {
            shown = text;
            output.setText(text);
            output.getElement().executeJs("requestAnimationFrame(() => { this.scrollTop = this.scrollHeight; })");
        }
    }
}
