package dev.vireo.ui.storage;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.progressbar.ProgressBarVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.dom.Element;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.EngineProblemException;
import dev.vireo.ui.engine.ImageUpload;
import dev.vireo.ui.engine.StorageClient;
import dev.vireo.ui.engine.StorageDomain;

/**
 * Upload a local file as an image: the browser hashes it (SHA-256) and sends it in 1 MiB chunks through the web
 * UI's relay to the engine's resumable upload ({@code /vireo/upload.js}, {@link UploadRelayServlet}); this component
 * begins the upload on the engine, shows a progress bar with bytes, percent and speed, and the engine's verdict on
 * the checksum at the end. The file never passes through this server whole: chunks stream through it. An unfinished
 * upload ({@link UnfinishedUploads}) resumes here: the same file chosen again (same name and size, and the same
 * SHA-256 as the upload was begun with, checked in the browser before a byte goes out) is sent on from the engine's
 * count. The panel's {@code data-state} is idle, hashing, uploading, completing, done or failed; {@code data-resuming}
 * names the upload being resumed.
 */
class ImageUploadPanel extends VerticalLayout {

    private static final String MODULE = "/vireo/upload.js";

    private final StorageClient storage;
    private final UploadTickets tickets;
    private final Runnable afterChange;
    private final Element file = new Element("input");
    private final TextField name = new TextField("Image name");
    private final Select<String> format = new Select<>();
    private final Select<StorageDomain> domain = new Select<>();
    private final Button start = new Button("Upload", VaadinIcon.UPLOAD.create());
    private final Button newUpload = new Button("New upload instead");
    private final ProgressBar bar = new ProgressBar();
    private final Span status = new Span();
    private final Span result = new Span();
    private long size = -1;
    private String state = "idle";
    private String sha256;
    private long sendStarted;
    /** where this session's sending began: 0, or the engine's count when resuming */
    private long sendFrom;
    private long completeStarted;
    private String sentFigures = "";
    /** the unfinished upload the chosen file goes on with, null for a new upload */
    private ImageUpload resuming;
    /** the engine's id of the upload being sent */
    private String sendingId;

    ImageUploadPanel(StorageClient storage, UploadTickets tickets, Runnable afterChange) {
        this.storage = storage;
        this.tickets = tickets;
        this.afterChange = afterChange;
        setId("image-upload");
        setPadding(false);
        file.setAttribute("type", "file");
        file.setAttribute("id", "image-file");
        Div fileBox = new Div();
        fileBox.getElement().appendChild(file);
        name.setId("image-name");
        format.setId("image-format");
        format.setLabel("Format");
        format.setItems(UploadForm.FORMATS);
        domain.setId("image-domain");
        domain.setLabel("Storage domain");
        domain.setItemLabelGenerator(StorageDomain::name);
        start.setId("image-upload-start");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.addClickListener(e -> begin());
        newUpload.setId("image-resume-cancel");
        newUpload.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        newUpload.setVisible(false);
        newUpload.addClickListener(e -> stopResuming());
        FormLayout form = new FormLayout(fileBox, name, format, domain, start, newUpload);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("700px", 5));
        bar.setId("image-upload-progress");
        bar.setMin(0);
        bar.setMax(1);
        status.setId("image-upload-status");
        status.addClassName("vireo-muted");
        result.setId("image-upload-result");
        add(form, bar, status, result);
        state("idle");
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        try {
            var domains = storage.storageDomains();
            domain.setItems(domains);
            domains.stream().filter(d -> "default".equals(d.name())).findFirst().or(() -> domains.stream().findFirst())
                    .ifPresent(domain::setValue);
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
        getElement().executeJs("return import($0).then(m => m.watch($1, this))", MODULE, file);
    }

    /** Resumes an unfinished upload: asks for the same file again; Resume then sends the rest. */
    void resume(ImageUpload u) {
        if (busy()) {
            Notifications.error("Wait for the running upload to finish");
            return;
        }
        resuming = u;
        size = -1;
        name.setValue(u.name());
        format.setValue(u.format());
        domain.getListDataView().getItems().filter(d -> d.id().equals(u.storageDomainId())).findFirst().ifPresent(domain::setValue);
        name.setReadOnly(true);
        format.setReadOnly(true);
        domain.setReadOnly(true);
        start.setText("Resume");
        newUpload.setVisible(true);
        getElement().setAttribute("data-resuming", u.name());
        bar.setValue(u.sizeBytes() <= 0 ? 0 : (double) u.receivedBytes() / u.sizeBytes());
        status.setText("Resuming " + u.name() + ": " + Sizes.of(u.receivedBytes()) + " of " + Sizes.of(u.sizeBytes())
                + " (" + u.percent() + " %) received. Choose the same file again (" + Sizes.of(u.sizeBytes()) + "), then Resume.");
        result.setText("");
        state("idle");
        getElement().executeJs("$0.value = ''", file);
    }

    private void stopResuming() {
        leaveResumeMode();
        status.setText("");
        result.setText("");
        bar.setValue(0);
        state("idle");
    }

    private void leaveResumeMode() {
        resuming = null;
        name.setReadOnly(false);
        format.setReadOnly(false);
        domain.setReadOnly(false);
        start.setText("Upload");
        newUpload.setVisible(false);
        getElement().removeAttribute("data-resuming");
    }

    /** The upload this panel is hashing, sending or completing, if any: it is not "unfinished" in the list. */
    String activeUploadId() {
        return busy() ? sendingId : null;
    }

    private boolean busy() {
        return "hashing".equals(state) || "uploading".equals(state) || "completing".equals(state);
    }

    @ClientCallable
    void fileChosen(String fileName, double bytes) {
        size = (long) bytes;
        if (resuming != null) {
            String why = UploadForm.resumeCheck(resuming.name(), resuming.sizeBytes(), fileName, size);
            if (why != null) {
                size = -1;
                fail(why);
                return;
            }
            status.setText(fileName + ": " + Sizes.of(size) + ", the size of the unfinished upload; Resume goes on from "
                    + Sizes.of(resuming.receivedBytes()));
            result.setText("");
            state("idle");
            return;
        }
        if (fileName != null && !fileName.isEmpty()) {
            name.setValue(UploadForm.nameOf(fileName));
            String guessed = UploadForm.formatOf(fileName);
            if (guessed != null) {
                format.setValue(guessed);
            }
            status.setText(fileName + ": " + Sizes.of(size));
            result.setText("");
            bar.setValue(0);
            state("idle");
        }
    }

    private void begin() {
        String why = resuming != null && size < 0 ? "Choose the file of " + resuming.name() + " again to resume"
                : UploadForm.check(name.getValue(), format.getValue(), size < 0 ? null : size);
        if (why != null) {
            fail(why);
            return;
        }
        result.setText("");
        start.setEnabled(false);
        state("hashing");
        getElement().executeJs("return import($0).then(m => m.hash($1, this))", MODULE, file);
    }

    @ClientCallable
    void hashProgress(double bytes) {
        if ("hashing".equals(state)) {
            progress("Computing the file's SHA-256", (long) bytes, "");
        }
    }

    @ClientCallable
    void hashed(String hex) {
        if (!"hashing".equals(state)) {
            return;
        }
        sha256 = hex;
        if (resuming != null) {
            sendRest(hex);
            return;
        }
        try {
            ImageUpload u = storage.beginUpload(new ImageUpload.Begin(name.getValue().strip(), format.getValue(), size, hex,
                    domain.getValue() == null ? null : domain.getValue().id()));
            state("uploading");
            sendingId = u.id();
            sendStarted = System.nanoTime();
            sendFrom = 0;
            progress("Uploading", 0, "");
            getElement().executeJs("return import($0).then(m => m.send($1, this, $2, $3))", MODULE, file, u.id(),
                    tickets.issue(u.id()));
            afterChange.run();
        } catch (EngineException e) {
            fail(e instanceof EngineProblemException p ? p.problem().message() : e.getMessage());
        }
    }

    /** Goes on with the unfinished upload from the engine's count, once the file proved to be the same. */
    private void sendRest(String hex) {
        ImageUpload u;
        try {
            u = storage.upload(resuming.id());
        } catch (EngineException e) {
            fail("The upload of " + resuming.name() + " is no longer there: "
                    + (e instanceof EngineProblemException p ? p.problem().message() : e.getMessage()));
            return;
        }
        if (!"UPLOADING".equals(u.status())) {
            fail("The upload of " + u.name() + " is " + u.status() + " now; it cannot resume");
            return;
        }
        if (u.sha256() != null && !u.sha256().equalsIgnoreCase(hex)) {
            fail("This file's SHA-256 is " + hex + ", the upload's " + u.sha256() + ": it is not the same file; nothing was sent");
            return;
        }
        resuming = u;
        state("uploading");
        sendingId = u.id();
        sendStarted = System.nanoTime();
        sendFrom = u.receivedBytes();
        progress("Resuming", u.receivedBytes(), "");
        getElement().executeJs("return import($0).then(m => m.send($1, this, $2, $3, true))", MODULE, file, u.id(),
                tickets.issue(u.id()));
        afterChange.run();
    }

    @ClientCallable
    void sent(double bytes) {
        if ("uploading".equals(state)) {
            double seconds = Math.max(1e-3, (System.nanoTime() - sendStarted) / 1e9);
            progress("Uploading", (long) bytes, String.format(" · %.1f MiB/s", Math.max(0, bytes - sendFrom) / seconds / (1 << 20)));
        }
    }

    @ClientCallable
    void completing() {
        if ("uploading".equals(state)) {
            completeStarted = System.nanoTime();
            double seconds = (completeStarted - sendStarted) / 1e9;
            state("completing");
            sentFigures = String.format("%s sent in %.1f s (%.1f MiB/s)%s", Sizes.of(size - sendFrom), seconds,
                    (size - sendFrom) / Math.max(1e-3, seconds) / (1 << 20),
                    sendFrom > 0 ? ", resumed after " + Sizes.of(sendFrom) : "");
            status.setText(sentFigures + "; the engine checks the SHA-256 and imports the image…");
        }
    }

    @ClientCallable
    void completed(String answer) {
        if (!"completing".equals(state)) {
            return;
        }
        state("done");
        start.setEnabled(true);
        status.setText(String.format("%s; checked and imported in %.1f s", sentFigures, (System.nanoTime() - completeStarted) / 1e9));
        bar.addThemeVariants(ProgressBarVariant.LUMO_SUCCESS);
        result.setText("SHA-256 " + sha256 + " verified by the engine; " + name.getValue().strip() + " is imported as "
                + ("iso".equals(format.getValue()) ? "an ISO image" : "ova".equals(format.getValue()) ? "an OVA" : "a qcow2 disk"));
        result.getElement().setAttribute("data-sha256", sha256);
        Notifications.success("Image " + name.getValue().strip() + (resuming != null ? " resumed, uploaded" : " uploaded")
                + " and imported");
        if (resuming != null) {
            leaveResumeMode();
        }
        afterChange.run();
    }

    @ClientCallable
    void failed(String why) {
        if (!"idle".equals(state) && !"done".equals(state) && !"failed".equals(state)) {
            fail(why);
            afterChange.run();
        }
    }

    private void fail(String why) {
        state("failed");
        start.setEnabled(true);
        bar.addThemeVariants(ProgressBarVariant.LUMO_ERROR);
        result.setText(why);
        Notifications.error("Upload: " + why);
    }

    private void progress(String what, long bytes, String extra) {
        double share = size <= 0 ? 0 : Math.min(1.0, bytes / (double) size);
        bar.setValue(share);
        status.setText(what + ": " + Sizes.of(bytes) + " of " + Sizes.of(size) + " (" + (int) Math.floor(share * 100) + " %)" + extra);
        status.getElement().setAttribute("data-bytes", String.valueOf(bytes));
    }

    private void state(String s) {
        state = s;
        getElement().setAttribute("data-state", s);
        if ("hashing".equals(s) || "idle".equals(s)) {
            bar.removeThemeVariants(ProgressBarVariant.LUMO_ERROR, ProgressBarVariant.LUMO_SUCCESS);
        }
        result.getElement().setAttribute("data-state", s);
    }
}
