package dev.vireo.ui.engine;

/** Any failure talking to the engine; the subclasses tell unreachable from refused. */
public class EngineException extends RuntimeException {

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
