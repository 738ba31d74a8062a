package dev.vireo.ui.dashboard;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import dev.vireo.ui.common.Formats;
import dev.vireo.ui.common.Names;
import dev.vireo.ui.engine.Job;
import java.util.List;

/** The dashboard's running jobs: what, on which VM, the current step and a progress bar (0–100) each. */
class RunningJobs extends Div {

    /** only the newest jobs are looked at; running ones are always among them */
    static final int LOOK_AT = 100;

    private final Names names;
    private final Div rows = new Div();
    private final Span empty = new Span("No running jobs");

    RunningJobs(Names names) {
        this.names = names;
        setId("running-jobs");
        addClassName("vireo-card");
        empty.addClassName("vireo-muted");
        add(new H3("Running jobs"), empty, rows);
    }

    void show(List<Job> newest) {
        List<Job> running = newest.stream().filter(j -> j.status() != null && !j.status().finished()).toList();
        empty.setVisible(running.isEmpty());
        rows.removeAll();
        for (Job j : running) {
            int progress = j.progress() == null ? 0 : j.progress();
            Span what = new Span(j.action() + " " + names.vm(j.vmId()) + (j.vmId() == null ? names.host(j.hostId()) : "")
                    + " · " + Formats.text(j.step()));
            ProgressBar bar = new ProgressBar(0, 100, progress);
            bar.getElement().setAttribute("data-job", j.id());
            Span pct = new Span(progress + "%");
            pct.addClassName("vireo-muted");
            Div barBox = new Div(bar, pct);
            Div row = new Div(what, barBox);
            row.addClassName("vireo-job-row");
            rows.add(row);
        }
    }
}
