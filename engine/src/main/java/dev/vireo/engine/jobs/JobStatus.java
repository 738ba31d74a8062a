package dev.vireo.engine.jobs;

public enum JobStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
