package dev.vireo.engine.access;

import dev.vireo.engine.api.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** The {@link Caller} of the current request, read from its verified token. */
@RequestScoped
public class CurrentCaller {
    /** the realm role that administers everything (a SYSTEM ADMIN permission adds it too) */
    public static final String ADMIN_ROLE = "admin";

    @Inject
    SecurityIdentity identity;

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            if (identity.isAnonymous()) {
                throw new ApiException(401, "Unauthorized", "log in first: send a bearer token from the identity provider");
            }
            caller = new Caller(identity.getPrincipal().getName(), groups(identity), identity.hasRole(ADMIN_ROLE));
        }
        return caller;
    }

    public String name() {
        return get().name();
    }

    /** Keycloak puts groups in the token's {@code groups} claim; tests give them as an attribute. */
    static Set<String> groups(SecurityIdentity identity) {
        Set<String> groups = new HashSet<>();
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getGroups() != null) {
            groups.addAll(jwt.getGroups());
        }
        Object attribute = identity.getAttribute("groups");
        if (attribute instanceof String s && !s.isBlank()) {
            groups.addAll(Arrays.asList(s.split(",")));
        }
        return groups;
    }
}
