package dev.vireo.engine.vms.actions;

import dev.vireo.engine.support.EmbeddedPostgresResource;
import dev.vireo.engine.vms.Vm;
import dev.vireo.protocol.DiskSpec;
import dev.vireo.protocol.DomainSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static dev.vireo.engine.support.Fixtures.disk;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A VM's domain spec lists its own disks and the shareable ones it has, by guest device, shareable marked. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class DomainSpecsTest {

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void ownAndSharedDisksByDevice() {
        String vm = given().contentType(ContentType.JSON).body("{\"name\":\"spec-vm\",\"memoryMiB\":128,\"vcpus\":1}")
                .post("/api/v1/vms").then().statusCode(201).extract().path("id");
        for (String d : List.of(disk("spec-boot", false), disk("spec-shared", true), disk("spec-data", false))) {
            given().contentType(ContentType.JSON).body("{\"diskId\":\"" + d + "\"}").post("/api/v1/vms/" + vm + "/disks")
                    .then().statusCode(200);
        }
        DomainSpec spec = QuarkusTransaction.requiringNew().call(() -> DomainSpecs.of(Vm.<Vm>findById(UUID.fromString(vm))));
        List<DiskSpec> disks = spec.disks();
        assertEquals(List.of("vdb", "vdc"), disks.stream().map(DiskSpec::target).toList());
        assertEquals(List.of(true, false), disks.stream().map(DiskSpec::shareable).toList());
        assertEquals(true, disks.get(0).path().endsWith(".raw"));
    }
}
