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

    /** Whether the engine takes this action for a VM in that state (the buttons of others are disabled). */
    public boolean appliesTo(VmStatus status) {
        if (status == null) {
            return false;
        }
        return switch (this) {
            case START -> status == VmStatus.DOWN;
            case SHUTDOWN -> status == VmStatus.RUNNING || status == VmStatus.PAUSED;
            case POWEROFF -> status != VmStatus.DOWN && status != VmStatus.MIGRATING;
            case REBOOT, PAUSE -> status == VmStatus.RUNNING;
            case RESUME -> status == VmStatus.PAUSED;
        };
    }

    /** What a button says, e.g. {@code Power off}. */
    public String label() {
        return label;
    }
}
