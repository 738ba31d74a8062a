package dev.vireo.engine.quotas;

import dev.vireo.engine.access.Caller;
import dev.vireo.engine.access.PrincipalKind;
import dev.vireo.engine.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides which quota a new VM counts against and refuses it when that quota would be exceeded.
 * A user's own quota comes first, else the first (by name) of their groups' quotas; with none the VM
 * is not limited. The quota row is locked while its usage is summed, so two creates at once cannot
 * both slip under the limit.
 */
@ApplicationScoped
public class QuotaGate {

    /** The quota that applies to the caller, if any. Call inside a transaction. */
    public Optional<Quota> applicable(Caller caller) {
        Quota own = Quota.find("principalKind = ?1 and principal = ?2", PrincipalKind.USER, caller.name()).firstResult();
        if (own != null) {
            return Optional.of(own);
        }
        if (caller.groups().isEmpty()) {
            return Optional.empty();
        }
        return Quota.<Quota>list("principalKind = ?1 and principal in ?2", PrincipalKind.GROUP, caller.groups())
                .stream().min(Comparator.comparing(q -> q.name));
    }

    /**
     * Charges a VM of this size to the caller's quota: returns the quota's id to record on the VM (null
     * when none applies) or throws 403 naming the quota. Call inside the transaction that creates the VM.
     */
    public UUID charge(Caller caller, int vcpus, int memoryMiB) {
        Optional<Quota> found = applicable(caller);
        if (found.isEmpty()) {
            return null;
        }
        Quota quota = Quota.findById(found.get().id, LockModeType.PESSIMISTIC_WRITE);
        QuotaUsage used = usage(quota);
        if (quota.maxVms != null && used.usedVms() + 1 > quota.maxVms) {
            throw exceeded(quota, quota.maxVms + " VMs", used.usedVms() + " exist", "one more");
        }
        if (quota.maxVcpus != null && used.usedVcpus() + vcpus > quota.maxVcpus) {
            throw exceeded(quota, quota.maxVcpus + " vCPUs", used.usedVcpus() + " are in use", vcpus + " more");
        }
        if (quota.maxMemoryMiB != null && used.usedMemoryMiB() + memoryMiB > quota.maxMemoryMiB) {
            throw exceeded(quota, quota.maxMemoryMiB + " MiB of memory", used.usedMemoryMiB() + " MiB are in use",
                    memoryMiB + " MiB more");
        }
        return quota.id;
    }

    /** What the quota's VMs add up to now. */
    public QuotaUsage usage(Quota quota) {
        Object[] row = (Object[]) Quota.getEntityManager().createQuery(
                        "select count(v), coalesce(sum(v.vcpus), 0), coalesce(sum(v.memoryMiB), 0) from Vm v where v.quotaId = :q")
                .setParameter("q", quota.id).getSingleResult();
        return QuotaUsage.of(quota, ((Number) row[1]).longValue(), ((Number) row[2]).longValue(), ((Number) row[0]).longValue());
    }

    private static ApiException exceeded(Quota quota, String limit, String used, String needed) {
        return new ApiException(403, "Quota exceeded", "quota '" + quota.name + "' allows " + limit + "; " + used
                + " and this VM needs " + needed);
    }
}
