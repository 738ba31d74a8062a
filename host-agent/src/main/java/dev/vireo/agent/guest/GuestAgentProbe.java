package dev.vireo.agent.guest;

import dev.vireo.agent.libvirt.LibvirtConnection;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.GuestInfo;
import org.jboss.logging.Logger;
import org.libvirt.Domain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Asks every running domain's guest agent every few seconds what the guest says (addresses, host name, OS) and
 * tells the engine what changed; everything again every minute, so an engine that reconnected learns it too. On
 * its own thread: a guest agent that hangs costs its timeout here, never a heartbeat.
 */
public final class GuestAgentProbe implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GuestAgentProbe.class);
    private static final long RESEND_MILLIS = 60_000;

    private final LibvirtConnection libvirt;
    private final CopyOnWriteArrayList<Consumer<AgentMessage.GuestReport>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, GuestInfo> lastSent = new HashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "guest-agent-probe");
        t.setDaemon(true);
        return t;
    });
    private long lastFullSend;

    public GuestAgentProbe(LibvirtConnection libvirt) {
        this.libvirt = libvirt;
    }

    public GuestAgentProbe start(long intervalMillis) {
        thread.scheduleWithFixedDelay(this::probeAll, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    public void listen(Consumer<AgentMessage.GuestReport> listener) {
        listeners.add(listener);
    }

    void probeAll() {
        try {
            long now = System.currentTimeMillis();
            boolean all = now - lastFullSend > RESEND_MILLIS;
            if (all) {
                lastFullSend = now;
            }
            Set<String> seen = new HashSet<>();
            for (int id : libvirt.get().listDomains()) {
                Domain domain;
                String uuid;
                try {
                    domain = libvirt.get().domainLookupByID(id);
                    uuid = domain.getUUIDString();
                } catch (Exception gone) {
                    continue;
                }
                seen.add(uuid);
                GuestInfo info = GuestAgent.probe(domain, uuid);
                if (all || !info.equals(lastSent.get(uuid))) {
                    lastSent.put(uuid, info);
                    AgentMessage.GuestReport report = new AgentMessage.GuestReport(info);
                    listeners.forEach(l -> l.accept(report));
                }
            }
            lastSent.keySet().retainAll(seen);
        } catch (Exception e) { // an exception would cancel the schedule for good
            LOG.debugf("guest agent probe skipped: %s", e.toString());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
