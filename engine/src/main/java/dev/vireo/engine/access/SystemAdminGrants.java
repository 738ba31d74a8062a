package dev.vireo.engine.access;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Adds the {@code admin} role to people who hold ADMIN on the system through a permission (themselves
 * or a group), so an administrator can be made in Vireo as well as in the identity provider, and every
 * {@code @RolesAllowed("admin")} check sees them alike.
 */
@ApplicationScoped
public class SystemAdminGrants implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.hasRole(CurrentCaller.ADMIN_ROLE)) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> grantedAdmin(identity)
                ? QuarkusSecurityIdentity.builder(identity).addRole(CurrentCaller.ADMIN_ROLE).build()
                : identity);
    }

    private static boolean grantedAdmin(SecurityIdentity identity) {
        Caller caller = new Caller(identity.getPrincipal().getName(), CurrentCaller.groups(identity), false);
        return QuarkusTransaction.requiringNew().call(() -> Permission.count(
                "from Permission p where " + VmAccess.HELD + " and p.objectKind = :systemKind and p.role = :admin",
                VmAccess.held(caller).and("systemKind", ObjectKind.SYSTEM).and("admin", Role.ADMIN)) > 0);
    }
}
