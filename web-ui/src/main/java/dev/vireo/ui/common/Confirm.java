package dev.vireo.ui.common;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

/** The one confirmation for destructive actions: a ConfirmDialog with a red confirm button. */
public final class Confirm {

    private Confirm() {
    }

    public static void ask(String id, String header, String text, String confirmText, Runnable onConfirm) {
        ConfirmDialog d = new ConfirmDialog();
        d.setId(id);
        d.setHeader(header);
        d.setText(text);
        d.setCancelable(true);
        d.setConfirmText(confirmText);
        d.setConfirmButtonTheme("error primary");
        d.addConfirmListener(e -> onConfirm.run());
        d.open();
    }
}
