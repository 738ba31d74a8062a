package dev.vireo.ui.engine;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A VM page enables only what the engine would take: no Start or Resume on a running VM. */
class VmActionTest {

    private static Set<VmAction> enabled(VmStatus status) {
        Set<VmAction> out = EnumSet.noneOf(VmAction.class);
        for (VmAction a : VmAction.values()) {
            if (a.appliesTo(status)) {
                out.add(a);
            }
        }
        return out;
    }

    @Test
    void eachStateEnablesItsActions() {
        assertEquals(EnumSet.of(VmAction.SHUTDOWN, VmAction.POWEROFF, VmAction.REBOOT, VmAction.PAUSE), enabled(VmStatus.RUNNING));
        assertEquals(EnumSet.of(VmAction.START), enabled(VmStatus.DOWN));
        assertEquals(EnumSet.of(VmAction.SHUTDOWN, VmAction.POWEROFF, VmAction.RESUME), enabled(VmStatus.PAUSED));
        assertEquals(EnumSet.of(VmAction.POWEROFF), enabled(VmStatus.STARTING));
        assertEquals(EnumSet.of(VmAction.POWEROFF), enabled(VmStatus.STOPPING));
        assertEquals(EnumSet.noneOf(VmAction.class), enabled(VmStatus.MIGRATING));
        assertEquals(EnumSet.noneOf(VmAction.class), enabled(null));
    }
}
