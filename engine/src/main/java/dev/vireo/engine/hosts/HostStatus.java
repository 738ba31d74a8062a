package dev.vireo.engine.hosts;

public enum HostStatus {
    /** enrolled, agent not connected yet */
    INSTALLING,
    UP,
    /** heartbeats stopped; its VMs are UNKNOWN until it is back or fenced */
    NON_RESPONSIVE,
    /** no new VMs land here */
    MAINTENANCE
}
