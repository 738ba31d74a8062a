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
 * Asks running domains' guest agents what the guest says (addresses, host name, OS) and tells the engine what
 * changed; everything again every minute, so an engine that reconnected learns it too. A guest still booting (no
 * agent yet, or no address beyond loopback and link-local) is asked every second, so its address shows soon after
 * the guest has it, for its first {@link #BOOTING_WINDOW_MILLIS}; a settled one, or one that had no agent by then,
 * every {@code interval}. A guest without an agent costs little: libvirt answers "not connected" at once. On its own thread: a guest agent that hangs costs its timeout here, never a heartbeat.
 */
public final class GuestAgentProbe implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GuestAgentProbe.class);
    private static final long RESEND_MILLIS = 60_000;

    private final LibvirtConnection libvirt;
    private final CopyOnWriteArrayList<Consumer<AgentMessage.GuestReport>> listeners = new CopyOnWriteArrayList<>();
    static final long BOOTING_INTERVAL_MILLIS = 1000;
    static final long BOOTING_WINDOW_MILLIS = 300_000;
    private final Map<String, Long> firstSeen = new HashMap<>();
    private final Map<String, GuestInfo> lastSent = new HashMap<>();
    private final Map<String, Long> lastProbed = new HashMap<>();
    private long settledIntervalMillis;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "guest-agent-probe");
        t.setDaemon(true);
        return t;
    });
    private long lastFullSend;

    public GuestAgentProbe(LibvirtConnection libvirt) {
        this.libvirt = libvirt;
    }

    /** @param intervalMillis how often a settled guest is asked (booting ones: every second) */
    public GuestAgentProbe start(long intervalMillis) {
        this.settledIntervalMillis = intervalMillis;
        long tick = Math.min(intervalMillis, BOOTING_INTERVAL_MILLIS);
        thread.scheduleWithFixedDelay(this::probeAll, tick, tick, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The agent answers and the guest has an address others can reach: no need to ask every second. */
    static boolean settled(GuestInfo info) {
        return info != null && info.agentConnected() && info.interfaces().stream()
                .flatMap(i -> i.addresses().stream())
                .anyMatch(a -> !a.startsWith("127.") && !a.startsWith("::1/") && !a.toLowerCase(java.util.Locale.ROOT).startsWith("fe80:"));
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
                GuestInfo previous = lastSent.get(uuid);
                boolean booting = !settled(previous) && now - firstSeen.computeIfAbsent(uuid, k -> now) < BOOTING_WINDOW_MILLIS;
                if (!booting && now - lastProbed.getOrDefault(uuid, 0L) < settledIntervalMillis) {
                    if (all && previous != null) {
                        AgentMessage.GuestReport again = new AgentMessage.GuestReport(previous);
                        listeners.forEach(l -> l.accept(again));
                    }
                    continue;
                }
                GuestInfo info = GuestAgent.probe(domain, uuid);
                lastProbed.put(uuid, now);
                if (all || !info.equals(previous)) {
                    lastSent.put(uuid, info);
                    AgentMessage.GuestReport report = new AgentMessage.GuestReport(info);
                    listeners.forEach(l -> l.accept(report));
                }
            }
            lastSent.keySet().retainAll(seen);
            lastProbed.keySet().retainAll(seen);
            firstSeen.keySet().retainAll(seen);
        } catch (Exception e) { // an exception would cancel the schedule for good
            LOG.debugf("guest agent probe skipped: %s", e.toString());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
