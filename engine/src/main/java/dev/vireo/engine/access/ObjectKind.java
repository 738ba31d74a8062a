package dev.vireo.engine.access;

/** What a permission is granted on; a grant on the system or a cluster covers the VMs within it. */
public enum ObjectKind {
    SYSTEM, CLUSTER, VM
}
