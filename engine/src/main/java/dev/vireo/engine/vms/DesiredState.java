package dev.vireo.engine.vms;

/** What the user asked for, as opposed to what the host reports. */
public enum DesiredState {
    UP, DOWN
}
