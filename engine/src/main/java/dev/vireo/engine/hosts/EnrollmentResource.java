package dev.vireo.engine.hosts;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/hosts/enroll")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EnrollmentResource {

    @Inject
    Enrollment enrollment;

    @POST
    public Enrollment.EnrollResponse enroll(Enrollment.EnrollRequest request) {
        return enrollment.enroll(request);
    }
}
