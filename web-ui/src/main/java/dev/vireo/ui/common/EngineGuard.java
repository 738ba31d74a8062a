package dev.vireo.ui.common;

import dev.vireo.ui.engine.EngineException;

/**
 * What a lazy grid needs to know about the engine's health: whether to call it at all (no point
 * while it is unreachable, and a black-holed address would block the UI for the timeout), and where
 * to report a failure of a background fetch (there is no user action to attach a toast to).
 */
public interface EngineGuard {

    boolean reachable();

    void report(EngineException e);
}
