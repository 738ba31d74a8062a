package dev.vireo.engine.storage;

import dev.vireo.engine.api.ObjectName;
import dev.vireo.engine.access.CurrentCaller;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.vms.BootPolicy;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Storage domains: directories inside the hosts' image directories, seen by every host at the same path (shared),
 * or each host's own directory at that path (not shared: a disk's volume is on one host, and live migration
 * copies it). Their use is what their disks add up to (provisioned and actually allocated). {@code poolType}
 * names the kind of libvirt storage pool the domain is: {@code dir} (a directory, local or a shared mount such
 * as NFS) is the one implemented; {@code netfs} (a pool that mounts NFS itself) and {@code logical} (LVM) are
 * known to the API but refused at creation (422) until the agents can drive them, so a client can name them today.
 */
@Path("/api/v1/storagedomains")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(CurrentCaller.ADMIN_ROLE)
public class StorageDomainResource {

    /** capacity and free space: the file system of the domain's directory as the engine sees it (null when it cannot) */
    public record StorageDomainView(UUID id, String name, String kind, String poolType, String path, boolean shared,
                                    long disks,
                                    long provisionedBytes, long allocatedBytes, Long capacityBytes, Long freeBytes,
                                    OffsetDateTime createdAt) {
    }

    public record CreateStorageDomain(
            @ObjectName
            String name,
            @NotNull @Size(min = 2, max = 1024) String path,
            @Pattern(regexp = "dir|netfs|logical", message = "must be dir, netfs or logical") String poolType,
            /** false: each host has its own directory at the path (local disks); default true */
            Boolean shared) {
    }

    /** The pool types a domain can be created with; the others of {@code CreateStorageDomain.poolType} are to come. */
    static final List<String> IMPLEMENTED_POOL_TYPES = List.of("dir");

    @Inject
    BootPolicy paths;
    @Inject
    CurrentCaller caller;
    @Inject
    EventLog events;

    @GET
    @Transactional
    public List<StorageDomainView> list() {
        return StorageDomain.<StorageDomain>findAll(Sort.ascending("name")).list().stream().map(StorageDomainResource::view).toList();
    }

    @POST
    @Transactional
    public Response create(@Valid @NotNull CreateStorageDomain request) {
        String poolType = request.poolType() == null ? "dir" : request.poolType();
        if (!IMPLEMENTED_POOL_TYPES.contains(poolType)) {
            throw ApiException.invalid("storage pool type " + poolType + " is not supported yet: a storage domain is a "
                    + "directory (poolType dir), local or a shared mount such as NFS that every host has at the same path");
        }
        StorageDomain d = new StorageDomain();
        d.id = UUID.randomUUID();
        d.name = request.name();
        d.kind = "DIR";
        d.path = paths.checked("path", request.path());
        d.shared = !Boolean.FALSE.equals(request.shared());
        d.createdAt = OffsetDateTime.now();
        try {
            d.persistAndFlush();
        } catch (PersistenceException e) {
            throw ApiException.conflict("a storage domain with that name or path exists already");
        }
        events.info(caller.name(), "storage-domain.create", "storage-domain", d.id, d.name, (d.shared ? "" : "non-shared ") + "storage domain at " + d.path);
        return Response.created(URI.create("/api/v1/storagedomains/" + d.id)).entity(view(d)).build();
    }

    private static StorageDomainView view(StorageDomain d) {
        Object[] row = (Object[]) StorageDomain.getEntityManager().createQuery(
                        "select count(k), coalesce(sum(k.sizeBytes), 0), coalesce(sum(k.actualBytes), 0) from Disk k where k.storageDomainId = :d")
                .setParameter("d", d.id).getSingleResult();
        Long capacity = null;
        Long free = null;
        try {
            java.nio.file.Path dir = java.nio.file.Path.of(d.path);
            while (dir != null && !java.nio.file.Files.exists(dir)) {
                dir = dir.getParent();   // a domain no disk has been made in yet: its parent's file system
            }
            if (dir != null) {
                java.nio.file.FileStore store = java.nio.file.Files.getFileStore(dir);
                capacity = store.getTotalSpace();
                free = store.getUsableSpace();
            }
        } catch (java.io.IOException e) {
            // unknown: the engine does not see this domain's file system
        }
        return new StorageDomainView(d.id, d.name, d.kind, d.kind.toLowerCase(java.util.Locale.ROOT), d.path, d.shared,
                ((Number) row[0]).longValue(),
                ((Number) row[1]).longValue(), ((Number) row[2]).longValue(), capacity, free, d.createdAt);
    }
}
