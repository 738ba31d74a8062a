package dev.vireo.engine.vms;

public enum VmStatus {
    DOWN, STARTING, RUNNING, PAUSED, STOPPING, MIGRATING,
    /** its host stopped answering: it may or may not run */
    UNKNOWN;

    /** a state in which the VM occupies a host */
    public boolean onHost() {
        return this != DOWN;
    }
}
