package dev.vireo.engine.support;

import dev.vireo.engine.clusters.Cluster;
import dev.vireo.engine.hosts.Host;
import dev.vireo.engine.hosts.HostStatus;
import dev.vireo.engine.storage.Disk;
import dev.vireo.engine.storage.StorageDomain;
import dev.vireo.engine.vms.DesiredState;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.time.OffsetDateTime;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * What engine tests set up again and again: hosts, disks and VMs as rows (as enrolment, Disks.create and a start
 * leave them; no agent, volume or domain behind them), VMs and attachments through the API.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** An UP host of the Default cluster, named {@code prefix-<8 hex>}. */
    public static UUID host(String prefix) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Host h = new Host();
            h.id = UUID.randomUUID();
            h.clusterId = Cluster.DEFAULT_ID;
            h.name = prefix + "-" + h.id.toString().substring(0, 8);
            h.status = HostStatus.UP;
            h.credentialHash = "x";
            h.createdAt = OffsetDateTime.now();
            h.persist();
            return h.id;
        });
    }

    /**
     * A VM row of 64 MiB and one vCPU in the Default cluster, named {@code prefix-<8 hex>}, in {@code status}
     * (wanted UP unless DOWN) on {@code host}, last changed at {@code changedAt}; {@code owner} may be null.
     */
    public static Vm vmRow(String prefix, VmStatus status, UUID host, String owner, OffsetDateTime changedAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = new Vm();
            vm.id = UUID.randomUUID();
            vm.clusterId = Cluster.DEFAULT_ID;
            vm.name = prefix + "-" + vm.id.toString().substring(0, 8);
            vm.memoryMiB = 64;
            vm.vcpus = 1;
            vm.desiredState = status == VmStatus.DOWN ? DesiredState.DOWN : DesiredState.UP;
            vm.status = status;
            vm.hostId = host;
            vm.owner = owner;
            vm.createdAt = changedAt;
            vm.updatedAt = changedAt;
            vm.persist();
            return vm;
        });
    }

    /** A 16 MiB disk on the default (shared) storage domain. */
    public static String disk(String name, boolean shareable) {
        return disk(name, StorageDomain.DEFAULT_ID.toString(), null, shareable);
    }

    /** A 16 MiB disk on {@code domain}; {@code host} is where its volume is when the domain is not shared. */
    public static String disk(String name, String domain, UUID host, boolean shareable) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Disk d = new Disk();
            d.id = UUID.randomUUID();
            d.name = name;
            d.storageDomainId = UUID.fromString(domain);
            d.sizeBytes = 16L << 20;
            d.shareable = shareable;
            d.hostId = host;
            d.createdAt = OffsetDateTime.now();
            d.createdBy = "admin";
            d.persist();
            return d.id.toString();
        });
    }

    /** A VM of 128 MiB and one vCPU, created through the API (as the calling test's identity). */
    public static String vm(String name) {
        return given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"memoryMiB\":128,\"vcpus\":1}")
                .post("/api/v1/vms").then().statusCode(201).extract().path("id");
    }

    /** Attaches a disk to a VM through the API; the response to check. */
    public static ValidatableResponse attach(String vm, String disk) {
        return given().contentType(ContentType.JSON).body("{\"diskId\":\"" + disk + "\"}")
                .post("/api/v1/vms/" + vm + "/disks").then();
    }
}
