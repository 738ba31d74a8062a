package dev.vireo.engine.events;

public enum Severity {
    INFO, WARNING, ERROR
}
