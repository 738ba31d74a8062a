package dev.vireo.engine.jobs;

import dev.vireo.engine.api.Actors;
import dev.vireo.engine.events.Change;
import dev.vireo.engine.events.ChangeFeed;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.database.BulkSql;
import dev.vireo.engine.database.BulkSql.SqlArray;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Creates jobs and moves them along. Each update is its own short transaction, so progress is visible at once. */
@ApplicationScoped
public class Jobs {

    @Inject
    EventLog events;
    @Inject
    ChangeFeed changes;
    @Inject
    EntityManager em;

    /** What {@link #beginAll} starts one job for. */
    public record Begin(String actor, UUID vmId, UUID hostId, String step) {
    }

    /** How {@link #finishAllHere} ends one job. */
    public record Finish(UUID jobId, boolean succeeded, String message) {
    }

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

    /**
     * Many jobs of one action in one statement (a batch of placements), in the caller's transaction like
     * {@link #begin}; the jobs come back in the order asked.
     */
    @Transactional
    public List<Job> beginAll(String action, List<Begin> begins) {
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);   // what PostgreSQL keeps
        List<Job> started = new ArrayList<>(begins.size());
        for (Begin b : begins) {
            Job job = new Job();
            job.id = UUID.randomUUID();
            job.action = action;
            job.status = JobStatus.RUNNING;
            job.actor = b.actor();
            job.vmId = b.vmId();
            job.hostId = b.hostId();
            job.step = b.step();
            job.progress = 5;
            job.createdAt = now;
            job.startedAt = now;
            started.add(job);
        }
        if (!started.isEmpty()) {
            BulkSql.execute(em, "insert into jobs (id, action, status, progress, actor, vm_id, host_id, step, created_at, started_at, version) "
                            + "select d.id, ?, 'RUNNING', 5, d.actor, d.vm, d.host, d.step, cast(? as timestamptz), cast(? as timestamptz), 0 "
                            + "from unnest(?, ?, ?, ?, ?) as d(id, actor, vm, host, step)",
                    action, now, now,
                    SqlArray.uuids(started.stream().map(j -> j.id).toList()),
                    SqlArray.texts(started.stream().map(j -> j.actor).toList()),
                    SqlArray.uuids(started.stream().map(j -> j.vmId).toList()),
                    SqlArray.uuids(started.stream().map(j -> j.hostId).toList()),
                    SqlArray.texts(started.stream().map(j -> j.step).toList()));
            started.forEach(job -> changes.publish(new Change("job", job.id, job.vmId)));
        }
        return started;
    }

    /** Ends many jobs in one statement, in the caller's transaction; jobs already finished stay as they are. */
    public void finishAllHere(List<Finish> finishes) {
        if (finishes.isEmpty()) {
            return;
        }
        List<Object[]> ended = BulkSql.query(em, "update jobs set status = d.status, progress = 100, "
                        + "step = case when d.status = 'SUCCEEDED' then 'done' else 'failed' end, message = d.message, "
                        + "ended_at = clock_timestamp(), version = version + 1 "
                        + "from unnest(?, ?, ?) as d(id, status, message) "
                        + "where jobs.id = d.id and jobs.status not in ('SUCCEEDED', 'FAILED', 'CANCELLED') returning jobs.id, jobs.vm_id",
                SqlArray.uuids(finishes.stream().map(Finish::jobId).toList()),
                SqlArray.texts(finishes.stream().map(f -> (f.succeeded() ? JobStatus.SUCCEEDED : JobStatus.FAILED).name()).toList()),
                SqlArray.texts(finishes.stream().map(Finish::message).toList()));
        ended.forEach(row -> changes.publish(new Change("job", (UUID) row[0], (UUID) row[1])));
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
