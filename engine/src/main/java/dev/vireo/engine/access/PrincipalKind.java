package dev.vireo.engine.access;

/** Whom a permission or quota is for: one user (by user name) or every member of a group. */
public enum PrincipalKind {
    USER, GROUP
}
