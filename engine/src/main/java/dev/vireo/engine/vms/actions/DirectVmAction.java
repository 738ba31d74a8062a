package dev.vireo.engine.vms.actions;

import dev.vireo.engine.vms.VmStatus;
import dev.vireo.protocol.CommandAction;

import java.util.Set;

/**
 * An action that is one agent command: the states it may start from, the state the VM shows while it
 * runs (null: unchanged) and the state once the host confirms.
 */
public enum DirectVmAction {
    POWEROFF("poweroff", "powered off", CommandAction.POWEROFF,
            Set.of(VmStatus.STARTING, VmStatus.RUNNING, VmStatus.PAUSED, VmStatus.STOPPING, VmStatus.UNKNOWN),
            VmStatus.STOPPING, VmStatus.DOWN),
    REBOOT("reboot", "rebooted", CommandAction.REBOOT, Set.of(VmStatus.RUNNING), null, VmStatus.RUNNING),
    PAUSE("pause", "paused", CommandAction.PAUSE, Set.of(VmStatus.RUNNING), null, VmStatus.PAUSED),
    RESUME("resume", "resumed", CommandAction.RESUME, Set.of(VmStatus.PAUSED), null, VmStatus.RUNNING),
    /** memory and state to a file in the default storage domain; the next start resumes from it */
    SAVE("save", "saved", CommandAction.SAVE_DOMAIN, Set.of(VmStatus.RUNNING, VmStatus.PAUSED), VmStatus.STOPPING,
            VmStatus.DOWN);

    final String action;
    final String participle;
    final CommandAction command;
    final Set<VmStatus> from;
    final VmStatus during;
    final VmStatus after;

    DirectVmAction(String action, String participle, CommandAction command, Set<VmStatus> from, VmStatus during,
                   VmStatus after) {
        this.action = action;
        this.participle = participle;
        this.command = command;
        this.from = from;
        this.during = during;
        this.after = after;
    }
}
