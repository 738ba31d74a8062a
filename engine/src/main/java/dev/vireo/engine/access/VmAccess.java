package dev.vireo.engine.access;

import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.vms.Vm;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who may see and act on which VM. Administrators may do everything; anyone else acts on the VMs they
 * own (as ADMIN of them) and on those a permission grants them, directly or through the VM's cluster or
 * the system, as themselves or through a group.
 */
@ApplicationScoped
public class VmAccess {
    /** never a real group name: keeps {@code in :groups} valid for a caller without groups */
    private static final String NO_GROUP = "\u0001";

    /** HQL: the permissions held by {@code :me} or one of {@code :groups} */
    static final String HELD = "((p.principalKind = :userKind and p.principal = :me)"
            + " or (p.principalKind = :groupKind and p.principal in :groups))";

    /**
     * HQL condition on a VM aliased {@code v}: the caller may see it. Used to narrow VM lists, so a
     * user's page of 50 is one indexed query whatever the number of VMs.
     */
    public static final String VISIBLE = "(v.owner = :me"
            // subqueries that do not depend on the row: PostgreSQL runs each once, not once per VM
            // (a correlated exists took 4.7 s for a user's count at 100,000 VMs; this takes 35 ms)
            + " or v.id in (select p.objectId from Permission p where " + HELD + " and p.objectKind = :vmKind)"
            + " or v.clusterId in (select p.objectId from Permission p where " + HELD + " and p.objectKind = :clusterKind)"
            + " or exists (select 1 from Permission p where " + HELD + " and p.objectKind = :systemKind))";

    /** The parameters {@link #VISIBLE} needs. */
    public static Parameters visibleParameters(Caller caller) {
        return held(caller).and("systemKind", ObjectKind.SYSTEM).and("clusterKind", ObjectKind.CLUSTER)
                .and("vmKind", ObjectKind.VM);
    }

    static Parameters held(Caller caller) {
        Set<String> groups = caller.groups().isEmpty() ? Set.of(NO_GROUP) : caller.groups();
        return Parameters.with("me", caller.name()).and("groups", groups)
                .and("userKind", PrincipalKind.USER).and("groupKind", PrincipalKind.GROUP);
    }

    /**
     * Throws unless the caller holds {@code needed} on the VM: 404 when they may not even see it
     * (whether it exists is none of their business), 403 when they may see it but not do this.
     */
    public void require(Caller caller, UUID vmId, Role needed) {
        if (caller.admin()) {
            return;
        }
        Role held = QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = Vm.findById(vmId);
            return vm == null ? null : roleOn(caller, vm);
        });
        if (held == null) {
            throw ApiException.notFound("VM", vmId);
        }
        if (!held.includes(needed)) {
            throw forbidden(needed);
        }
    }

    /**
     * {@link #require} for many VMs at once (a bulk start): one transaction and two queries whatever their
     * number. Returns the refusal of each VM the caller may not act on (404 or 403, as {@link #require} would
     * throw); the VMs not in it are allowed.
     */
    public Map<UUID, ApiException> refusals(Caller caller, List<UUID> vmIds, Role needed) {
        if (caller.admin() || vmIds.isEmpty()) {
            return Map.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Permission> heldByCaller = Permission.<Permission>find("from Permission p where " + HELD, held(caller)).list();
            Map<UUID, Vm> vms = new HashMap<>();
            Vm.<Vm>list("id in ?1", vmIds).forEach(v -> vms.put(v.id, v));
            Map<UUID, ApiException> refused = new HashMap<>();
            for (UUID id : vmIds) {
                Vm vm = vms.get(id);
                Role role = vm == null ? null : strongest(caller, vm, heldByCaller);
                if (role == null) {
                    refused.put(id, ApiException.notFound("VM", id));
                } else if (!role.includes(needed)) {
                    refused.put(id, forbidden(needed));
                }
            }
            return refused;
        });
    }

    /** {@link #roleOn} over permissions already read. */
    private static Role strongest(Caller caller, Vm vm, List<Permission> heldByCaller) {
        if (caller.name().equals(vm.owner)) {
            return Role.ADMIN;
        }
        Role best = null;
        for (Permission p : heldByCaller) {
            boolean covers = p.objectKind == ObjectKind.SYSTEM
                    || (p.objectKind == ObjectKind.CLUSTER && vm.clusterId.equals(p.objectId))
                    || (p.objectKind == ObjectKind.VM && vm.id.equals(p.objectId));
            if (covers && (best == null || p.role.compareTo(best) > 0)) {
                best = p.role;
            }
        }
        return best;
    }

    private static ApiException forbidden(Role needed) {
        return new ApiException(403, "Forbidden", "you may use this VM but not do this; it needs the " + needed + " role on it");
    }

    /** The strongest role the caller holds on the VM, or null for none. Call inside a transaction. */
    public Role roleOn(Caller caller, Vm vm) {
        if (caller.admin() || caller.name().equals(vm.owner)) {
            return Role.ADMIN;
        }
        List<Role> roles = Permission.<Permission>find("from Permission p where " + HELD
                        + " and (p.objectKind = :systemKind or (p.objectKind = :clusterKind and p.objectId = :cluster)"
                        + " or (p.objectKind = :vmKind and p.objectId = :vm))",
                visibleParameters(caller).and("cluster", vm.clusterId).and("vm", vm.id))
                .stream().map(p -> p.role).toList();
        return roles.stream().max(Role::compareTo).orElse(null);
    }

    /** Whether the caller may see the VM, for callers that hold it already. */
    public boolean canSee(Caller caller, Vm vm) {
        return roleOn(caller, vm) != null;
    }
}
