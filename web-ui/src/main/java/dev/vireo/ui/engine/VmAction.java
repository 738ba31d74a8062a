package dev.vireo.ui.engine;

/** The lifecycle actions of {@code POST /api/v1/vms/{id}/{action}}. */
public enum VmAction {
    START("start", "Start"),
    SHUTDOWN("shutdown", "Shut down"),
    POWEROFF("poweroff", "Power off"),
    REBOOT("reboot", "Reboot"),
    PAUSE("pause", "Pause"),
    RESUME("resume", "Resume");

    private final String path;
    private final String label;

    VmAction(String path, String label) {
        this.path = path;
        this.label = label;
    }

    /** The last path segment, e.g. {@code poweroff}. */
    public String path() {
        return path;
    }

    /** What a button says, e.g. {@code Power off}. */
    public String label() {
        return label;
    }
}
