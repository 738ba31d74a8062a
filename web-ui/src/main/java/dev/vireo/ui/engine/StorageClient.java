package dev.vireo.ui.engine;

import static dev.vireo.ui.engine.EngineHttp.query;
import static dev.vireo.ui.engine.EngineHttp.seg;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Storage administration: a VM's disks and CD-ROM, free disks, storage domains, ISO images and image uploads
 * ({@code /vms/{id}/disks}, {@code /disks}, {@code /storagedomains}, {@code /isos}, {@code /vms/{id}/cdrom},
 * {@code /images/uploads}).
 */
public class StorageClient {

    /** a chunk comes from a browser at the browser's pace; a completion checks and converts the whole image */
    static final Duration CHUNK_TIMEOUT = Duration.ofMinutes(2);
    static final Duration COMPLETE_TIMEOUT = Duration.ofMinutes(30);
    private static final TypeReference<Page<Disk>> DISK_PAGE = new TypeReference<>() { };
    private static final TypeReference<Page<ImageUpload>> UPLOAD_PAGE = new TypeReference<>() { };

    private final EngineHttp http;

    public StorageClient(EngineClient engine) {
        this.http = engine.http();
    }

    // ---- a VM's disks and CD-ROM ---------------------------------------------------------------

    /** By guest device: vda (the boot disk) first. */
    public List<Disk> vmDisks(String vmId) {
        return http.get("/api/v1/vms/" + seg(vmId) + "/disks", new TypeReference<>() { });
    }

    /** Attaches a free disk: to a stopped VM's definition, or hot-plugged into a running one. */
    public Disk attach(String vmId, String diskId) {
        return http.read(http.post("/api/v1/vms/" + seg(vmId) + "/disks", Map.of("diskId", diskId)), new TypeReference<>() { });
    }

    public void detach(String vmId, String diskId) {
        http.delete("/api/v1/vms/" + seg(vmId) + "/disks/" + seg(diskId));
    }

    public Iso.Drive cdrom(String vmId) {
        return http.get("/api/v1/vms/" + seg(vmId) + "/cdrom", new TypeReference<>() { });
    }

    public void insertIso(String vmId, String isoId) {
        http.put("/api/v1/vms/" + seg(vmId) + "/cdrom", Map.of("isoId", isoId));
    }

    public void eject(String vmId) {
        http.delete("/api/v1/vms/" + seg(vmId) + "/cdrom");
    }

    // ---- disks, domains, ISOs ------------------------------------------------------------------

    /** Disks a VM may take: attached to none and not a template's base (at most the first 10,000 disks by name). */
    public List<Disk> freeDisks() {
        return EngineHttp.range(0, 10_000, (o, l) -> http.get("/api/v1/disks" + query("offset", o, "limit", l), DISK_PAGE))
                .stream().filter(Disk::free).toList();
    }

    public Disk createDisk(Disk.New disk) {
        return http.read(http.post("/api/v1/disks", disk), new TypeReference<>() { });
    }

    public void deleteDisk(String diskId) {
        http.delete("/api/v1/disks/" + seg(diskId));
    }

    public List<StorageDomain> storageDomains() {
        return http.get("/api/v1/storagedomains", new TypeReference<>() { });
    }

    public StorageDomain createStorageDomain(StorageDomain.New domain) {
        return http.read(http.post("/api/v1/storagedomains", domain), new TypeReference<>() { });
    }

    public List<Iso> isos() {
        return http.get("/api/v1/isos", new TypeReference<>() { });
    }

    // ---- image uploads -------------------------------------------------------------------------

    /** Newest first. */
    public Page<ImageUpload> uploads(int offset, int limit) {
        return http.get("/api/v1/images/uploads" + query("offset", offset, "limit", limit), UPLOAD_PAGE);
    }

    /** The uploads still UPLOADING (to resume or discard), newest first, at most 1,000. */
    public List<ImageUpload> unfinishedUploads() {
        return http.get("/api/v1/images/uploads" + query("status", "UPLOADING", "offset", 0, "limit", 1000), UPLOAD_PAGE).items();
    }

    /** Discards an unfinished or failed upload and what of it arrived. */
    public void discardUpload(String id) {
        http.delete("/api/v1/images/uploads/" + seg(id));
    }

    public List<ImageUpload> uploadRange(int offset, int limit) {
        return EngineHttp.range(offset, limit, this::uploads);
    }

    public ImageUpload upload(String id) {
        return http.get("/api/v1/images/uploads/" + seg(id), new TypeReference<>() { });
    }

    public ImageUpload beginUpload(ImageUpload.Begin begin) {
        return http.read(http.post("/api/v1/images/uploads", begin), new TypeReference<>() { });
    }

    /**
     * Streams one chunk ({@code length} bytes from {@code body}, at most 1 MiB, {@code contentRange} "bytes
     * START-END/TOTAL") into the upload; the answer says how many bytes have arrived.
     */
    public ImageUpload putChunk(String id, String contentRange, InputStream body, long length) {
        HttpRequest req = http.request("/api/v1/images/uploads/" + seg(id))
                .timeout(CHUNK_TIMEOUT)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", contentRange)
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), length))
                .build();
        return http.read(http.send(req), new TypeReference<>() { });
    }

    /**
     * Completes an upload: the engine checks size and SHA-256 and imports it (a qcow2 disk, an OVA or an ISO).
     * Returns the engine's answer, the JSON of what it became.
     */
    public String complete(String id) {
        HttpRequest req = http.request("/api/v1/images/uploads/" + seg(id) + "/complete")
                .timeout(COMPLETE_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(req).body();
    }
}
