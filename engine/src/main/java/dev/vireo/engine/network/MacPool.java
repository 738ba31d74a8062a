package dev.vireo.engine.network;

import dev.vireo.engine.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * The engine's MAC pool: one range ({@code vireo.mac-pool.range}) for all VM NICs, never a duplicate.
 * <p>
 * How it stays unique under concurrency: {@link #allocate()} runs inside the transaction that inserts the
 * NIC and first takes a transaction-scoped PostgreSQL advisory lock, so allocations queue one behind the
 * other (also across several engines on one database) and each sees the NICs the one before it committed;
 * the lock goes with the commit or rollback. Guess-and-retry on the unique index would work too, but turns
 * into a storm of retries as the pool fills and cannot tell "exhausted" from "unlucky"; a sequence would
 * never reuse released addresses. An allocation is one indexed {@code max()} (text order is numeric order:
 * see {@link MacRange#format}), so the queue moves fast. The unique index on {@code vm_nics.mac} stays the
 * last word: were anything to slip past the lock, the insert fails instead of duplicating.
 */
@ApplicationScoped
public class MacPool {
    /** any fixed number, the same in every engine: the advisory lock's key ("VireoMac" in ASCII) */
    static final long LOCK_KEY = 0x5669_7265_6f4d_6163L;

    private final MacRange range;

    @Inject
    public MacPool(@ConfigProperty(name = "vireo.mac-pool.range", defaultValue = "56:6f:00:00:00:00-56:6f:00:ff:ff:ff")
                   String range) {
        this.range = MacRange.parse(range);
    }

    public MacRange range() {
        return range;
    }

    /**
     * A free MAC, reserved until the calling transaction ends: insert the NIC with it in that transaction.
     * Throws 409 when every address of the range is in use.
     */
    @SuppressWarnings("unchecked")
    public String allocate() {
        EntityManager em = VmNic.getEntityManager();
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(:key)) locked")
                .setParameter("key", LOCK_KEY).getSingleResult();
        String highest = (String) em.createNativeQuery("select max(mac) from vm_nics where mac between :first and :last")
                .setParameter("first", range.firstMac()).setParameter("last", range.lastMac()).getSingleResult();
        long next = range.next(highest, () -> (List<String>) em.createNativeQuery(
                        "select mac from vm_nics where mac between :first and :last order by mac")
                .setParameter("first", range.firstMac()).setParameter("last", range.lastMac()).getResultList());
        if (next < 0) {
            throw ApiException.conflict("the MAC pool is exhausted: all " + range.size() + " addresses of "
                    + range.firstMac() + "-" + range.lastMac() + " are in use");
        }
        return MacRange.format(next);
    }
}
