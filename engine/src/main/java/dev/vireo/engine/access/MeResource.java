package dev.vireo.engine.access;

import dev.vireo.engine.quotas.QuotaGate;
import dev.vireo.engine.quotas.QuotaUsage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Set;
import java.util.TreeSet;

/** Who the caller is to Vireo: name, groups, whether they administer, and their quota's use. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    public record MeView(String name, Set<String> groups, boolean admin, QuotaUsage quota) {
    }

    @Inject
    CurrentCaller current;
    @Inject
    QuotaGate quotas;

    @GET
    public MeView me() {
        Caller caller = current.get();
        QuotaUsage quota = QuarkusTransaction.requiringNew().call(
                () -> quotas.applicable(caller).map(quotas::usage).orElse(null));
        return new MeView(caller.name(), new TreeSet<>(caller.groups()), caller.admin(), quota);
    }
}
