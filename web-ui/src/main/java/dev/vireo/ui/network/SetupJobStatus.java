package dev.vireo.ui.network;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.progressbar.ProgressBarVariant;
import dev.vireo.ui.common.Formats;
import dev.vireo.ui.engine.Job;
import dev.vireo.ui.engine.JobStatus;

/**
 * The progress and outcome of the last network setup job sent from this page: a bar and its step while it runs,
 * then "applied and confirmed …" or the failure's reason (a rollback reads "rolled back: …"). {@code data-status}
 * holds the job's status for tests.
 */
class SetupJobStatus extends VerticalLayout {

    private final ProgressBar bar = new ProgressBar(0, 100);
    private final Span text = new Span();

    SetupJobStatus() {
        setId("network-job");
        setPadding(false);
        setSpacing(false);
        bar.setId("network-job-progress");
        text.setId("network-job-status");
        add(bar, text);
        setVisible(false);
    }

    void show(Job job) {
        setVisible(true);
        JobStatus s = job.status() == null ? JobStatus.UNKNOWN : job.status();
        bar.setValue(job.progress() == null ? 0 : Math.max(0, Math.min(100, job.progress())));
        bar.removeThemeVariants(ProgressBarVariant.LUMO_ERROR, ProgressBarVariant.LUMO_SUCCESS);
        if (s == JobStatus.FAILED) {
            bar.addThemeVariants(ProgressBarVariant.LUMO_ERROR);
        } else if (s == JobStatus.SUCCEEDED) {
            bar.addThemeVariants(ProgressBarVariant.LUMO_SUCCESS);
        }
        String what = s.finished() ? Formats.text(job.message()) : Formats.text(job.step());
        text.setText("Network setup " + s.name().toLowerCase() + (what.isBlank() ? "" : ": " + what));
        getElement().setAttribute("data-status", s.name());
        text.getElement().setAttribute("data-message", Formats.text(job.message()));
    }
}
