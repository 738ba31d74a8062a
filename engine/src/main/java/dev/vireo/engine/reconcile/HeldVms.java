package dev.vireo.engine.reconcile;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * VMs whose domain an action changes in ways libvirt reports as lifecycle events that do not mean what
 * they say: a snapshot pauses the guest while its memory is saved, a revert restarts QEMU from the saved
 * state (stopped, started, resumed); a start's STARTED and RESUMED events only repeat what its reply will
 * say, and at fleet scale each would cost a transaction of its own. While an action holds a VM, and for a short while after (its events
 * may arrive after its reply), the {@link VmStateReconciler} leaves the VM to that action's job, which
 * settles its state from the agent's reply; the next full state report corrects anything missed meanwhile.
 */
@ApplicationScoped
public class HeldVms {
    /** events of an action can trail its reply: the agent sends them from another thread */
    static final Duration LINGER = Duration.ofSeconds(5);

    private final Map<UUID, Long> held = new ConcurrentHashMap<>();

    /** The reconciler leaves the VM alone until {@link #release}. */
    public void hold(UUID vmId) {
        held.put(vmId, Long.MAX_VALUE);
    }

    /** The action is done; the VM is reconciled again after {@link #LINGER}. */
    public void release(UUID vmId) {
        long now = System.nanoTime();
        held.computeIfPresent(vmId, (id, until) -> now + LINGER.toNanos());
        if (releases.incrementAndGet() % 4096 == 0) {
            // starts hold every VM they start: forget the holds that ended, or the map keeps every VM ever started
            held.entrySet().removeIf(e -> e.getValue() != Long.MAX_VALUE && e.getValue() - now < 0);
        }
    }

    private final AtomicLong releases = new AtomicLong();

    public boolean isHeld(UUID vmId) {
        Long until = held.get(vmId);
        if (until == null) {
            return false;
        }
        if (until != Long.MAX_VALUE && until - System.nanoTime() < 0) {
            held.remove(vmId, until);
            return false;
        }
        return true;
    }
}
