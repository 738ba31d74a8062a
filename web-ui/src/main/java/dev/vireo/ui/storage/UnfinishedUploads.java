package dev.vireo.ui.storage;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import dev.vireo.ui.common.Confirm;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.EngineProblemException;
import dev.vireo.ui.engine.ImageUpload;
import dev.vireo.ui.engine.StorageClient;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The uploads the engine still waits for (after a reload, a broken connection or a closed tab): name, size and how
 * much arrived, with Resume (choose the same file again; the upload panel goes on from the engine's count) and
 * Discard (after a confirmation; the engine drops what arrived). Hidden while there are none. Rows carry
 * {@code data-upload} (the name), {@code data-received} (bytes) and {@code data-percent}.
 */
class UnfinishedUploads extends VerticalLayout {

    private final StorageClient storage;
    private final Consumer<ImageUpload> resume;
    private final Supplier<String> active;
    private final Runnable afterDiscard;
    private final VerticalLayout rows = new VerticalLayout();

    /** {@code active}: the upload being sent right now on this page, left out of the list */
    UnfinishedUploads(StorageClient storage, Consumer<ImageUpload> resume, Supplier<String> active, Runnable afterDiscard) {
        this.storage = storage;
        this.active = active;
        this.resume = resume;
        this.afterDiscard = afterDiscard;
        setId("unfinished-uploads");
        setPadding(false);
        rows.setPadding(false);
        rows.setSpacing(false);
        Span hint = new Span("These uploads stopped before the end. Resume one by choosing the same file again: it goes on "
                + "from what the engine received, and the SHA-256 at the end proves it is the same file.");
        hint.addClassName("vireo-muted");
        add(new H3("Unfinished uploads"), hint, rows);
        show(false);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        refresh();
    }

    void refresh() {
        List<ImageUpload> unfinished;
        try {
            String sending = active.get();
            unfinished = storage.unfinishedUploads().stream().filter(u -> !u.id().equals(sending)).toList();
        } catch (EngineException e) {
            Notifications.engineError(e);
            return;
        }
        rows.removeAll();
        unfinished.forEach(u -> rows.add(row(u)));
        show(!unfinished.isEmpty());
    }

    /** Hidden by style, not setVisible: Flow stops sending an invisible component's children, so rows removed
     *  while it hides would stay in the page's DOM. */
    private void show(boolean any) {
        getStyle().set("display", any ? "flex" : "none");
    }

    private HorizontalLayout row(ImageUpload u) {
        Span name = new Span(u.name());
        name.getStyle().set("font-weight", "600");
        Span figures = new Span(u.format() + " · " + Sizes.of(u.receivedBytes()) + " of " + Sizes.of(u.sizeBytes())
                + " received (" + u.percent() + " %) · begun by " + u.createdBy());
        figures.addClassName("vireo-muted");
        ProgressBar bar = new ProgressBar(0, 1, u.sizeBytes() <= 0 ? 0 : (double) u.receivedBytes() / u.sizeBytes());
        bar.setWidth("160px");
        Button go = new Button("Resume", VaadinIcon.PLAY.create(), e -> resume.accept(u));
        go.getElement().setAttribute("data-resume", u.name());
        go.addThemeVariants(ButtonVariant.LUMO_SMALL);
        Button discard = new Button("Discard", VaadinIcon.TRASH.create(), e -> confirmDiscard(u));
        discard.getElement().setAttribute("data-discard", u.name());
        discard.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout row = new HorizontalLayout(name, bar, figures, go, discard);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        row.getElement().setAttribute("data-upload", u.name());
        row.getElement().setAttribute("data-received", String.valueOf(u.receivedBytes()));
        row.getElement().setAttribute("data-percent", String.valueOf(u.percent()));
        return row;
    }

    private void confirmDiscard(ImageUpload u) {
        Confirm.ask("upload-discard-confirm", "Discard the upload of " + u.name() + "?",
                "The " + Sizes.of(u.receivedBytes()) + " the engine received are deleted; to have the image, upload it again from the start.",
                "Discard", () -> {
                    try {
                        storage.discardUpload(u.id());
                        Notifications.success("Upload of " + u.name() + " discarded");
                    } catch (EngineException e) {
                        Notifications.error("Discarding the upload of " + u.name() + ": "
                                + (e instanceof EngineProblemException p ? p.problem().message() : e.getMessage()));
                    }
                    refresh();
                    afterDiscard.run();
                });
    }
}
