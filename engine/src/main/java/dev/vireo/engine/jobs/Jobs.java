package dev.vireo.engine.jobs;

import dev.vireo.engine.api.Actors;
import dev.vireo.engine.events.Change;
import dev.vireo.engine.events.ChangeFeed;
import dev.vireo.engine.events.EventLog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Creates jobs and moves them along. Each update is its own short transaction, so progress is visible at once. */
@ApplicationScoped
public class Jobs {

    @Inject
    EventLog events;
    @Inject
    ChangeFeed changes;

    /** Joins the caller's transaction: the job exists exactly when the change that started it does. */
    @Transactional
    public Job begin(String action, String actor, UUID vmId, UUID hostId, String step) {
        Job job = new Job();
        job.id = UUID.randomUUID();
        job.action = action;
        job.status = JobStatus.RUNNING;
        job.actor = actor;
        job.vmId = vmId;
        job.hostId = hostId;
        job.step = step;
        job.progress = 5;
        job.createdAt = OffsetDateTime.now();
        job.startedAt = job.createdAt;
        job.persist();
        changes.publish(new Change("job", job.id, vmId));
        return job;
    }

    public void progress(UUID jobId, int progress, String step) {
        QuarkusTransaction.requiringNew().run(() -> {
            Job job = Job.findById(jobId);
            if (job != null && !job.status.finished()) {
                job.progress = Math.max(job.progress, progress);
                job.step = step;
                changes.publish(new Change("job", job.id, job.vmId));
            }
        });
    }

    public void succeed(UUID jobId, String message) {
        finish(jobId, JobStatus.SUCCEEDED, message);
    }

    public void fail(UUID jobId, String message) {
        finish(jobId, JobStatus.FAILED, message);
    }

    public void cancelled(UUID jobId, String message) {
        finish(jobId, JobStatus.CANCELLED, message);
    }

    /**
     * Finishes the job in the caller's transaction (it commits or rolls back with the caller's other
     * changes), where the others commit on their own: a start's outcome and its job in one commit.
     */
    public void finishHere(UUID jobId, boolean succeeded, String message) {
        QuarkusTransaction.joiningExisting().run(() -> finishNow(jobId, succeeded ? JobStatus.SUCCEEDED : JobStatus.FAILED, message));
    }

    private void finish(UUID jobId, JobStatus status, String message) {
        QuarkusTransaction.requiringNew().run(() -> finishNow(jobId, status, message));
    }

    private void finishNow(UUID jobId, JobStatus status, String message) {
        Job job = Job.findById(jobId);
        if (job == null || job.status.finished()) {
            return;
        }
        job.status = status;
        job.progress = 100;
        job.step = status == JobStatus.SUCCEEDED ? "done" : status == JobStatus.CANCELLED ? "cancelled" : "failed";
        job.message = message;
        job.endedAt = OffsetDateTime.now();
        changes.publish(new Change("job", job.id, job.vmId));
    }

    /**
     * Jobs that were running when the engine stopped cannot be resumed from the middle of a libvirt call;
     * they are failed with a clear reason, and the VM's real state comes back with the host's next report.
     */
    void settleInterrupted(@Observes StartupEvent start) {
        QuarkusTransaction.requiringNew().run(() -> {
            List<Job> running = Job.list("status in ?1", List.of(JobStatus.RUNNING, JobStatus.PENDING));
            for (Job job : running) {
                job.status = JobStatus.FAILED;
                job.message = "interrupted by an engine restart; the VM's state is reconciled from its host's report";
                job.endedAt = OffsetDateTime.now();
                events.warn(Actors.SYSTEM, "job.interrupted", "job", job.id, job.action, job.message);
            }
        });
    }
}
