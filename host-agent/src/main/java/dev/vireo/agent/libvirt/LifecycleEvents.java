package dev.vireo.agent.libvirt;

import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.DomainState;
import dev.vireo.protocol.DomainStatus;
import org.jboss.logging.Logger;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.event.DomainEvent;
import org.libvirt.event.DomainEventType;
import org.libvirt.event.LifecycleListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Turns libvirt lifecycle callbacks into {@link AgentMessage.Lifecycle} frames. The callback runs on libvirt's
 * event-loop thread, so it only captures the event; building the frame (which may ask libvirt for the live
 * XML) and calling the listeners happens on a thread of its own, in event order.
 */
final class LifecycleEvents implements LifecycleListener {
    private static final Logger LOG = Logger.getLogger(LifecycleEvents.class);

    private final List<Consumer<AgentMessage.Lifecycle>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "vireo-lifecycle-events");
        thread.setDaemon(true);
        return thread;
    });

    void add(Consumer<AgentMessage.Lifecycle> listener) {
        listeners.add(listener);
    }

    void remove(Consumer<AgentMessage.Lifecycle> listener) {
        listeners.remove(listener);
    }

    @Override
    public int onLifecycleChange(Domain domain, DomainEvent event) {
        DomainEventType type = event.getType();
        Object detail = event.getDetail();
        worker.execute(() -> deliver(domain, type, detail));
        return 0;
    }

    private void deliver(Domain domain, DomainEventType type, Object detail) {
        AgentMessage.Lifecycle frame;
        try {
            frame = new AgentMessage.Lifecycle(status(domain, type), String.valueOf(type),
                    detail == null ? null : detail.toString());
        } catch (LibvirtException e) {
            LOG.debugf("lifecycle event %s dropped: %s", type, LibvirtErrors.message(e));
            return;
        }
        for (Consumer<AgentMessage.Lifecycle> listener : listeners) {
            try {
                listener.accept(frame);
            } catch (RuntimeException e) {
                LOG.warnf(e, "lifecycle listener failed on %s", frame);
            }
        }
    }

    private static DomainStatus status(Domain domain, DomainEventType type) throws LibvirtException {
        DomainState implied = DomainStates.afterEvent(type);
        if (implied == null) {
            return DomainInventory.statusOf(domain);
        }
        try {
            return DomainInventory.withState(domain, implied);
        } catch (LibvirtException e) { // gone already (undefined, or a transient domain that stopped)
            return new DomainStatus(domain.getUUIDString(), domain.getName(), implied, -1);
        }
    }

    void shutdown() {
        worker.shutdownNow();
    }
}
