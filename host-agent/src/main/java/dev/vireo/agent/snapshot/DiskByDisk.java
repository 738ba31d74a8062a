package dev.vireo.agent.snapshot;

import dev.vireo.agent.command.CommandFailure;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code qemu-img snapshot} on each covered disk in turn, for a VM that is not running here. qemu-img works on
 * one file at a time, so a snapshot of several disks is not atomic: what was done on the first disks is undone
 * when a later disk fails, so that the disks stay consistent with each other.
 * <ul>
 *   <li>create: the snapshot is removed again from the disks that got it;</li>
 *   <li>revert: each disk first gets an undo snapshot of its present state; the disks already reverted go back
 *   to it; the undo snapshots are removed in the end. One disk needs none of this (as before several disks);</li>
 *   <li>delete cannot be undone (qemu-img frees the snapshot's clusters): the disks it was removed from are
 *   named, the rest keep it, and a retry removes it from them (a disk without it counts as done).</li>
 * </ul>
 */
final class DiskByDisk {
    private static final Logger LOG = Logger.getLogger(DiskByDisk.class);
    static final String UNDO_PREFIX = "vireo-undo-";

    private final Snapshots snapshots;

    DiskByDisk(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    void create(String name, List<Snapshots.Volume> disks) throws CommandFailure {
        List<Snapshots.Volume> done = new ArrayList<>();
        try {
            for (Snapshots.Volume v : disks) {
                snapshots.qemuImg("-c", name, v.path());
                done.add(v);
            }
        } catch (CommandFailure e) {
            List<Snapshots.Volume> left = new ArrayList<>();
            for (Snapshots.Volume v : done) {
                if (!quietly("-d", name, v)) {
                    left.add(v);
                }
            }
            throw new CommandFailure(e.kind(), e.getMessage() + undone(done, left, "had it removed again",
                    "still hold it (removing it failed too)"));
        }
    }

    void revert(String name, List<Snapshots.Volume> disks) throws CommandFailure {
        if (disks.size() == 1) {
            snapshots.qemuImg("-a", name, disks.get(0).path());
            return;
        }
        String undo = UNDO_PREFIX + name;
        List<Snapshots.Volume> marked = new ArrayList<>();
        List<Snapshots.Volume> reverted = new ArrayList<>();
        try {
            for (Snapshots.Volume v : disks) {
                if (snapshots.inside(v.path()).containsKey(undo)) {
                    snapshots.qemuImg("-d", undo, v.path());   // left over from an agent that stopped midway
                }
                snapshots.qemuImg("-c", undo, v.path());
                marked.add(v);
            }
            for (Snapshots.Volume v : disks) {
                snapshots.qemuImg("-a", name, v.path());
                reverted.add(v);
            }
        } catch (CommandFailure e) {
            List<Snapshots.Volume> notBack = new ArrayList<>();
            for (Snapshots.Volume v : reverted) {
                if (!quietly("-a", undo, v)) {
                    notBack.add(v);
                }
            }
            marked.forEach(v -> quietly("-d", undo, v));
            throw new CommandFailure(e.kind(), e.getMessage() + undone(reverted, notBack,
                    "went back to what they held before the revert", "could not be put back (their undo snapshot "
                            + undo + " stays in them)"));
        }
        marked.forEach(v -> quietly("-d", undo, v));
    }

    void delete(String name, List<Snapshots.Volume> holding) throws CommandFailure {
        List<Snapshots.Volume> done = new ArrayList<>();
        for (Snapshots.Volume v : holding) {
            try {
                snapshots.qemuImg("-d", name, v.path());
            } catch (CommandFailure e) {
                throw new CommandFailure(e.kind(), e.getMessage() + (done.isEmpty() ? ""
                        : "; it was removed from " + Snapshots.targets(done) + " already (a retry removes the rest)"));
            }
            done.add(v);
        }
    }

    /** Runs {@code qemu-img snapshot flag name} on the disk; false (logged) if that failed. */
    private boolean quietly(String flag, String name, Snapshots.Volume v) {
        try {
            snapshots.qemuImg(flag, name, v.path());
            return true;
        } catch (CommandFailure e) {
            LOG.errorf("undoing a snapshot step on %s (%s): qemu-img snapshot %s %s failed: %s", v.target(), v.path(),
                    flag, name, e.getMessage());
            return false;
        }
    }

    /** What the failure undid: "; vda had it removed again", with the disks that could not be put back. */
    private static String undone(List<Snapshots.Volume> done, List<Snapshots.Volume> failed, String undone,
                                 String notUndone) {
        List<Snapshots.Volume> ok = new ArrayList<>(done);
        ok.removeAll(failed);
        List<String> parts = new ArrayList<>();
        if (!ok.isEmpty()) {
            parts.add(Snapshots.targets(ok) + " " + undone);
        }
        if (!failed.isEmpty()) {
            parts.add(Snapshots.targets(failed) + " " + notUndone);
        }
        return parts.isEmpty() ? "" : "; " + String.join("; ", parts);
    }
}
