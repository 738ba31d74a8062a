package dev.vireo.agent.libvirt;

import dev.vireo.protocol.DomainState;
import org.libvirt.DomainInfo;
import org.libvirt.event.DomainEventType;

/** Maps libvirt's domain states and lifecycle event types onto the protocol's {@link DomainState}. */
public final class DomainStates {
    private DomainStates() {
    }

    public static DomainState of(DomainInfo.DomainState state) {
        if (state == null) {
            return DomainState.UNKNOWN;
        }
        return switch (state) {
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> DomainState.RUNNING;
            case VIR_DOMAIN_PAUSED, VIR_DOMAIN_PMSUSPENDED -> DomainState.PAUSED;
            case VIR_DOMAIN_SHUTDOWN -> DomainState.SHUTTING_DOWN;
            case VIR_DOMAIN_SHUTOFF -> DomainState.SHUTOFF;
            case VIR_DOMAIN_CRASHED -> DomainState.CRASHED;
            case VIR_DOMAIN_NOSTATE -> DomainState.UNKNOWN;
        };
    }

    /** The state a lifecycle event implies, or null when only asking libvirt can tell (defined, unknown). */
    public static DomainState afterEvent(DomainEventType type) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case STARTED, RESUMED -> DomainState.RUNNING;
            case SUSPENDED, PMSUSPENDED -> DomainState.PAUSED;
            case SHUTDOWN -> DomainState.SHUTTING_DOWN;
            case STOPPED -> DomainState.SHUTOFF;
            case CRASHED -> DomainState.CRASHED;
            case UNDEFINED -> DomainState.UNDEFINED;
            case DEFINED, UNKNOWN -> null;
        };
    }

    public static boolean isActive(DomainState state) {
        return state == DomainState.RUNNING || state == DomainState.PAUSED || state == DomainState.SHUTTING_DOWN;
    }
}
