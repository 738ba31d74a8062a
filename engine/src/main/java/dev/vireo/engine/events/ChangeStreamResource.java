package dev.vireo.engine.events;

import dev.vireo.engine.access.Caller;
import dev.vireo.engine.access.CurrentCaller;
import dev.vireo.engine.access.VmAccess;
import dev.vireo.engine.vms.Vm;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code GET /api/v1/events/stream}: server-sent events that tell a portal what changed, at most once per
 * {@code vireo.change-stream.interval}, so its pages update without reloading. Administrators hear of
 * every change; everyone else only of the VMs they may see (and those VMs' jobs). Each message names
 * ids only: the portal re-reads what it shows through the API, under the same permissions as ever.
 */
@Path("/api/v1/events/stream")
public class ChangeStreamResource {
    private static final int MAX_IDS = 200;

    @Inject
    CurrentCaller currentCaller;
    @Inject
    ChangeFeed feed;
    @Inject
    StreamLimit limit;

    @ConfigProperty(name = "vireo.change-stream.interval", defaultValue = "1s")
    Duration interval;
    @ConfigProperty(name = "vireo.change-stream.keep-alive", defaultValue = "15s")
    Duration keepAlive;

    @GET
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<ChangeTick> stream() {
        Caller caller = currentCaller.get();
        StreamLimit.Slot slot = limit.take(caller.name());
        ChangeFeed.Listener listener = feed.listen();
        long keepAliveEvery = Math.max(1, keepAlive.toMillis() / Math.max(1, interval.toMillis()));
        AtomicLong quietTicks = new AtomicLong();
        return Multi.createFrom().ticks().every(interval)
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToIterable(n -> {
                    ChangeTick tick = tick(caller, listener.drain());
                    if (tick != null) {
                        quietTicks.set(0);
                        return List.of(tick);
                    }
                    return quietTicks.incrementAndGet() % keepAliveEvery == 0 ? List.of(ChangeTick.KEEP_ALIVE) : List.of();
                })
                .onTermination().invoke(() -> {
                    feed.stop(listener);
                    slot.release();
                });
    }

    /** The tick this caller may hear, or null when nothing they may see changed. */
    private static ChangeTick tick(Caller caller, ChangeFeed.Drained drained) {
        if (drained.isEmpty()) {
            return null;
        }
        if (caller.admin()) {
            if (drained.overflowed() || drained.changes().size() > MAX_IDS) {
                return new ChangeTick(Set.of(), List.of(), true);
            }
            Set<String> types = new LinkedHashSet<>();
            Set<UUID> ids = new LinkedHashSet<>();
            drained.changes().forEach(c -> {
                types.add(c.objectType());
                if (c.objectId() != null) {
                    ids.add(c.objectId());
                }
            });
            return new ChangeTick(types, List.copyOf(ids), false);
        }
        Set<UUID> vmIds = new HashSet<>();
        drained.changes().forEach(c -> {
            if (c.vmId() != null) {
                vmIds.add(c.vmId());
            }
        });
        if (vmIds.isEmpty()) {
            return null;
        }
        List<UUID> visible = visible(caller, vmIds);
        if (visible.isEmpty()) {
            return null;
        }
        Set<String> types = new LinkedHashSet<>();
        List<UUID> ids = new ArrayList<>();
        Set<UUID> allowed = new HashSet<>(visible);
        drained.changes().forEach(c -> {
            if (c.vmId() != null && allowed.contains(c.vmId())) {
                types.add(c.objectType());
                ids.add(c.objectId());
            }
        });
        boolean many = ids.size() > MAX_IDS;
        return new ChangeTick(many ? Set.of() : types, many ? List.of() : List.copyOf(new LinkedHashSet<>(ids)), many);
    }

    private static List<UUID> visible(Caller caller, Set<UUID> vmIds) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = Vm.getEntityManager()
                    .createQuery("select v.id from Vm v where v.id in :ids and " + VmAccess.VISIBLE, UUID.class)
                    .setParameter("ids", vmIds);
            VmAccess.visibleParameters(caller).map().forEach(query::setParameter);
            return query.getResultList();
        });
    }
}
