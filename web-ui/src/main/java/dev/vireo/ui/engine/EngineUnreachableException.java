package dev.vireo.ui.engine;

import java.net.ConnectException;
import java.net.URI;

/** The engine could not be reached (connection refused, DNS, timeout …). */
public class EngineUnreachableException extends EngineException {

    private final URI engineUrl;

    public EngineUnreachableException(URI engineUrl, Throwable cause) {
        super("Engine unreachable at " + engineUrl + " (" + describe(cause) + ")", cause);
        this.engineUrl = engineUrl;
    }

    public URI engineUrl() {
        return engineUrl;
    }

    /** The first cause in the chain that says something, e.g. "ConnectException: Connection refused". */
    private static String describe(Throwable cause) {
        if (cause == null) {
            return "no answer";
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        // the JDK HttpClient's ConnectException usually carries no message at all
        return cause instanceof ConnectException ? "connection refused" : cause.getClass().getSimpleName();
    }
}
