package dev.vireo.ui.jobs;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.vireo.ui.common.Confirm;
import dev.vireo.ui.common.EngineGuard;
import dev.vireo.ui.common.Formats;
import dev.vireo.ui.common.Names;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.Job;
import dev.vireo.ui.engine.JobStatus;
import java.util.stream.Stream;

/**
 * Jobs, newest first, lazily ({@code GET /api/v1/jobs}): action, VM, host, a progress bar with the
 * current step, and Cancel (confirmed) on running migrations, the one kind the engine can cancel.
 * Rows carry {@code data-job} on the progress bar and the cancel button for tests.
 */
public class JobsGrid extends Grid<Job> {

    private final EngineClient engine;
    private final EngineGuard guard;
    private final Names names;

    public JobsGrid(EngineClient engine, EngineGuard guard) {
        this.engine = engine;
        this.guard = guard;
        this.names = new Names(engine);
        setId("jobs-grid");
        setSelectionMode(SelectionMode.NONE);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setEmptyStateText("No jobs");

        addColumn(j -> Formats.timestamp(j.createdAt())).setHeader("Created").setKey("created").setWidth("235px")
                .setFlexGrow(0);
        addColumn(Job::action).setHeader("Action").setKey("action").setWidth("120px").setFlexGrow(0);
        addColumn(LitRenderer.<Job>of("<a href=\"vms/${item.vmId}\" ?hidden=\"${!item.vmId}\">${item.vm}</a>")
                        .withProperty("vmId", j -> j.vmId() == null ? "" : j.vmId())
                        .withProperty("vm", j -> names.vm(j.vmId())))
                .setHeader("VM").setKey("vm").setFlexGrow(1).setResizable(true);
        addColumn(j -> names.host(j.hostId())).setHeader("Host").setKey("host").setFlexGrow(1).setResizable(true);
        addColumn(Job::actor).setHeader("By").setKey("actor").setWidth("100px").setFlexGrow(0);
        addColumn(LitRenderer.<Job>of("""
                        <span theme="badge ${item.theme}">${item.status}</span>""")
                        .withProperty("status", j -> Formats.text(j.status()))
                        .withProperty("theme", j -> themeOf(j.status())))
                .setHeader("Status").setKey("status").setWidth("120px").setFlexGrow(0);
        addColumn(LitRenderer.<Job>of("""
                        <div style="display:flex;flex-direction:column;width:100%">
                          <vaadin-progress-bar data-job="${item.id}" .value="${item.progress}" min="0" max="100"
                              theme="${item.barTheme}" style="margin:2px 0;width:100%;min-width:120px"></vaadin-progress-bar>
                          <span style="font-size:var(--lumo-font-size-xs);color:var(--lumo-secondary-text-color)">${item.progress}% · ${item.step}</span>
                        </div>""")
                        .withProperty("id", Job::id)
                        .withProperty("progress", j -> j.progress() == null ? 0 : j.progress())
                        .withProperty("step", j -> Formats.text(j.step()))
                        .withProperty("barTheme", j -> barTheme(j.status())))
                .setHeader("Progress").setKey("progress").setFlexGrow(2).setTooltipGenerator(Job::message);
        addColumn(LitRenderer.<Job>of("""
                        <vaadin-button theme="small error tertiary" data-cancel-job="${item.id}" ?hidden="${!item.cancellable}"
                            @click="${cancel}">Cancel</vaadin-button>""")
                        .withProperty("id", Job::id)
                        .withProperty("cancellable", Job::cancellable)
                        .withFunction("cancel", this::confirmCancel))
                .setHeader("").setKey("cancel").setWidth("100px").setFlexGrow(0);

        setItems(new CallbackDataProvider<>(this::fetch, q -> count(), Job::id));
    }

    public void refresh() {
        getDataProvider().refreshAll();
    }

    private void confirmCancel(Job job) {
        Confirm.ask("job-confirm", "Cancel this migration?",
                "The migration of " + names.vm(job.vmId()) + " stops; the VM stays on its source host.",
                "Cancel migration", () -> {
                    try {
                        engine.cancelJob(job.id());
                        Notifications.success("Cancelled the migration of " + names.vm(job.vmId()));
                    } catch (EngineException e) {
                        Notifications.engineError(e);
                    }
                    refresh();
                });
    }

    private Stream<Job> fetch(Query<Job, Void> q) {
        if (!guard.reachable()) {
            return Stream.empty();
        }
        try {
            return engine.jobRange(q.getOffset(), q.getLimit()).stream();
        } catch (EngineException e) {
            guard.report(e);
            return Stream.empty();
        }
    }

    private int count() {
        if (!guard.reachable()) {
            return 0;
        }
        try {
            return (int) Math.min(Integer.MAX_VALUE, engine.listJobs(0, 1).total());
        } catch (EngineException e) {
            guard.report(e);
            return 0;
        }
    }

    static String themeOf(JobStatus s) {
        return s == null ? "contrast" : switch (s) {
            case SUCCEEDED -> "success";
            case FAILED -> "error";
            case RUNNING, PENDING -> "";
            default -> "contrast";
        };
    }

    static String barTheme(JobStatus s) {
        return s == JobStatus.FAILED ? "error" : s == JobStatus.SUCCEEDED ? "success" : s == JobStatus.CANCELLED ? "contrast" : "";
    }
}
