package dev.vireo.agent.engine;

/** The engine answered, but no: enrolment refused, or the websocket handshake rejected (status 401/403/…). */
public class EngineRefused extends Exception {
    private final int status;

    public EngineRefused(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** 401/403: the credential (or token) is not (any longer) good. */
    public boolean unauthorized() {
        return status == 401 || status == 403;
    }
}
