package dev.vireo.ui.common;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.EngineProblemException;

/** The UI's toasts: engine errors show the problem's {@code detail}, successes are short. */
public final class Notifications {

    private Notifications() {
    }

    public static void engineError(EngineException e) {
        error(e instanceof EngineProblemException p ? p.problem().message() : e.getMessage());
    }

    public static void error(String text) {
        Notification n = new Notification(text, 8000, Notification.Position.BOTTOM_END);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
        n.addClassName("vireo-error");
        n.open();
    }

    public static void success(String text) {
        Notification n = new Notification(text, 3000, Notification.Position.BOTTOM_END);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        n.addClassName("vireo-success");
        n.open();
    }
}
