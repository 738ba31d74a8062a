package dev.vireo.protocol;

/** The states the agent reports for a domain; the engine maps them onto VM statuses. */
public enum DomainState {
    RUNNING, PAUSED, SHUTTING_DOWN, SHUTOFF, CRASHED, UNDEFINED, UNKNOWN
}
