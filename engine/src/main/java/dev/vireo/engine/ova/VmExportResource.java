package dev.vireo.engine.ova;

import dev.vireo.engine.access.CurrentCaller;
import dev.vireo.engine.jobs.JobView;
import dev.vireo.engine.storage.StorageDomain;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.UUID;

/**
 * {@code POST /vms/{id}/export[?storageDomainId=…]}: 202 with the export job; {@code Location} names the OVA it writes, which is
 * READY (and downloadable) when the job succeeds. Administrators only, like the OVAs themselves.
 */
@Path("/api/v1/vms/{vmId}/export")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(CurrentCaller.ADMIN_ROLE)
@Blocking
public class VmExportResource {

    @Inject
    OvaExport export;
    @Inject
    CurrentCaller caller;

    /** @param storageDomainId where the OVA is written; the default domain when absent */
    @POST
    public Response export(@PathParam("vmId") UUID vmId, @QueryParam("storageDomainId") UUID storageDomainId) {
        UUID domain = storageDomainId == null ? StorageDomain.DEFAULT_ID : storageDomainId;
        OvaExport.Begun begun = export.begin(vmId, domain, caller.name());
        return Response.accepted(JobView.of(begun.job())).location(URI.create("/api/v1/ovas/" + begun.ovaId())).build();
    }
}
