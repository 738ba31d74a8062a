package dev.vireo.engine.snapshots;

public enum SnapshotStatus {
    /** the host is making it */
    CREATING,
    OK,
    /** making it failed (the job says why); it can only be deleted */
    FAILED
}
