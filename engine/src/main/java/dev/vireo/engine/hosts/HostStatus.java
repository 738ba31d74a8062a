package dev.vireo.engine.hosts;

public enum HostStatus {
    /** enrolled, agent not connected yet */
    INSTALLING,
    UP,
    /** heartbeats stopped; its VMs are UNKNOWN until it is back or fenced */
    NON_RESPONSIVE,
    /** confirmed down: its heartbeats stopped and a fence agent powered it off; its VMs are DOWN or restarted elsewhere */
    FENCED,
    /** its VMs are being live-migrated away; no new VMs land here */
    PREPARING_FOR_MAINTENANCE,
    /** no new VMs land here */
    MAINTENANCE
}
