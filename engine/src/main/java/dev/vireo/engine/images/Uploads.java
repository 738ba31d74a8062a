package dev.vireo.engine.images;

import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.storage.Disk;
import dev.vireo.engine.storage.Disks;
import dev.vireo.engine.storage.StorageDomain;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Receives images in chunks straight into a file in the storage domain (never whole in memory): each
 * chunk must start where the received bytes end, so a client that lost its connection asks how much
 * arrived and goes on from there. Completing checks the size and the SHA-256, then an agent converts
 * the file into a qcow2 disk (refusing a file that is not the format it claims), or, for an OVA, keeps the
 * file for {@code dev.vireo.engine.ova} to import. The engine writes into
 * the storage domain's directory, so it must see the domains at the same paths as the hosts do.
 */
@ApplicationScoped
public class Uploads {
    private static final Pattern RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");
    private static final int BUFFER = 1 << 20;

    @Inject
    Disks disks;
    @Inject
    EventLog events;

    private final Map<UUID, ReentrantLock> writing = new ConcurrentHashMap<>();

    public ImageUpload begin(String name, UUID storageDomainId, String format, long sizeBytes, String sha256, String actor) {
        return QuarkusTransaction.requiringNew().call(() -> {
            StorageDomain domain = StorageDomain.findById(storageDomainId);
            if (domain == null) {
                throw ApiException.invalid("storage domain " + storageDomainId + " does not exist");
            }
            ImageUpload u = new ImageUpload();
            u.id = UUID.randomUUID();
            Path part = partPath(domain, u.id);
            try {
                Files.createDirectories(part.getParent());
                long usable = Files.getFileStore(part.getParent()).getUsableSpace();
                if (usable < sizeBytes) {
                    throw ApiException.conflict("storage domain " + domain.name + " has " + (usable >> 20)
                            + " MiB free; the image needs " + (sizeBytes >> 20) + " MiB");
                }
                Files.deleteIfExists(part);
                Files.createFile(part);
            } catch (IOException e) {
                throw ApiException.conflict("cannot write into storage domain " + domain.name + ": " + e.getMessage());
            }
            u.name = name;
            u.storageDomainId = storageDomainId;
            u.format = format;
            u.sizeBytes = sizeBytes;
            u.sha256 = sha256 == null ? null : sha256.toLowerCase();
            u.status = "UPLOADING";
            u.createdAt = OffsetDateTime.now();
            u.createdBy = actor;
            u.persist();
            events.info(actor, "image.upload", "image", u.id, name, "upload of a " + format + " image of "
                    + sizeBytes + " bytes begun");
            return u;
        });
    }

    /** Writes one chunk; returns the upload with its new received count. */
    public ImageUpload chunk(UUID id, String contentRange, InputStream body) {
        Matcher m = contentRange == null ? null : RANGE.matcher(contentRange.trim());
        if (m == null || !m.matches()) {
            throw ApiException.invalid("send Content-Range: bytes START-END/TOTAL with each chunk");
        }
        long start = Long.parseLong(m.group(1));
        long end = Long.parseLong(m.group(2));
        long total = Long.parseLong(m.group(3));
        ReentrantLock lock = writing.computeIfAbsent(id, k -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw ApiException.conflict("another chunk of this upload is being written");
        }
        try {
            ImageUpload u = find(id);
            if (!"UPLOADING".equals(u.status)) {
                throw ApiException.conflict("the upload is " + u.status);
            }
            if (total != u.sizeBytes || end < start || end >= total) {
                throw ApiException.invalid("Content-Range " + contentRange + " does not fit an image of " + u.sizeBytes + " bytes");
            }
            if (start != u.receivedBytes) {
                throw ApiException.conflict("the next chunk must start at byte " + u.receivedBytes + ", not " + start);
            }
            long written = write(partPath(u), start, end - start + 1, body);
            return QuarkusTransaction.requiringNew().call(() -> {
                ImageUpload fresh = find(id);
                fresh.receivedBytes = start + written;
                return fresh;
            });
        } finally {
            lock.unlock();
        }
    }

    /** Checks size and checksum and converts the image into a disk. */
    public Disk complete(UUID id, String actor) {
        ImageUpload u = QuarkusTransaction.requiringNew().call(() -> find(id));
        if ("ova".equals(u.format) || "iso".equals(u.format)) {
            throw ApiException.invalid("an " + u.format + " upload is kept as a file, not converted into a disk");
        }
        Path part = verified(u);
        Disk disk;
        try {
            disk = disks.create(u.name, u.storageDomainId, new Disks.Origin.Convert(part.toString(), u.format, u.sizeBytes),
                    false, actor, d -> { });
        } catch (ApiException e) {
            fail(id, part, e.getMessage());
            throw e;
        }
        deleteQuietly(part);
        QuarkusTransaction.requiringNew().run(() -> {
            ImageUpload done = find(id);
            done.status = "IMPORTED";
            done.diskId = disk.id;
            events.info(actor, "image.import", "image", id, done.name, "imported as disk " + disk.name
                    + " (" + done.format + " → qcow2)");
        });
        writing.remove(id);
        return disk;
    }

    /**
     * Completes an upload that is kept as a file rather than converted (an OVA): checked like any image, then
     * looked into by {@code check} (which throws an {@link ApiException} to refuse it), then moved to
     * {@code target} (inside the same storage domain).
     */
    public void completeAsFile(UUID id, Path target, java.util.function.Consumer<Path> check, String actor) {
        ImageUpload u = QuarkusTransaction.requiringNew().call(() -> find(id));
        Path part = verified(u);
        try {
            check.accept(part);
        } catch (ApiException e) {
            fail(id, part, e.getMessage());
            throw e;
        }
        try {
            Files.createDirectories(target.getParent());
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            fail(id, part, "cannot keep the file: " + e.getMessage());
            throw ApiException.conflict("cannot keep the uploaded file: " + e.getMessage());
        }
        QuarkusTransaction.requiringNew().run(() -> {
            ImageUpload done = find(id);
            done.status = "IMPORTED";
            events.info(actor, "image.import", "image", id, done.name, "kept as " + target.getFileName());
        });
        writing.remove(id);
    }

    /**
     * Discards an upload that will not be finished (UPLOADING) or that failed: its partly received file and its
     * record go. An imported upload is a disk, an OVA or an ISO by now and is deleted as that, not here; an upload
     * with a chunk being written is refused (409) rather than pulled from under the writer.
     */
    public void discard(UUID id, String actor) {
        ReentrantLock lock = writing.computeIfAbsent(id, k -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw ApiException.conflict("a chunk of this upload is being written; stop the upload first");
        }
        try {
            Path part = QuarkusTransaction.requiringNew().call(() -> {
                ImageUpload u = find(id);
                if ("IMPORTED".equals(u.status)) {
                    throw ApiException.conflict("the upload is imported; delete the " + ("iso".equals(u.format) ? "ISO"
                            : "ova".equals(u.format) ? "OVA" : "disk") + " it became instead");
                }
                Path file = partPath(u);
                events.info(actor, "image.discard", "image", id, u.name, "upload discarded with " + u.receivedBytes
                        + " of " + u.sizeBytes + " bytes received");
                u.delete();
                return file;
            });
            deleteQuietly(part);
        } finally {
            writing.remove(id);
            lock.unlock();
        }
    }

    /** The received file, once its size is complete and its SHA-256 (if given) matches; a mismatch fails the upload. */
    private Path verified(ImageUpload u) {
        UUID id = u.id;
        if (!"UPLOADING".equals(u.status)) {
            throw ApiException.conflict("the upload is " + u.status);
        }
        if (u.receivedBytes != u.sizeBytes) {
            throw ApiException.conflict("only " + u.receivedBytes + " of " + u.sizeBytes + " bytes have arrived");
        }
        Path part = QuarkusTransaction.requiringNew().call(() -> partPath(find(id)));
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
            channel.force(false);
        } catch (IOException e) {
            throw ApiException.conflict("cannot flush the image: " + e.getMessage());
        }
        if (u.sha256 != null) {
            String actual = sha256(part);
            if (!actual.equals(u.sha256)) {
                fail(id, part, "the image's SHA-256 is " + actual + ", not " + u.sha256);
                throw ApiException.invalid("the image's SHA-256 is " + actual + ", not " + u.sha256 + "; upload it again");
            }
        }
        return part;
    }

    private void fail(UUID id, Path part, String why) {
        deleteQuietly(part);
        QuarkusTransaction.requiringNew().run(() -> {
            ImageUpload u = find(id);
            u.status = "FAILED";
            u.message = why;
            events.warn(u.createdBy, "image.failed", "image", id, u.name, why);
        });
        writing.remove(id);
    }

    static ImageUpload find(UUID id) {
        ImageUpload u = ImageUpload.findById(id);
        if (u == null) {
            throw ApiException.notFound("upload", id);
        }
        return u;
    }

    private static Path partPath(ImageUpload u) {
        return partPath(StorageDomain.findById(u.storageDomainId), u.id);
    }

    private static Path partPath(StorageDomain domain, UUID uploadId) {
        return Path.of(domain.path).resolve("uploads").resolve(uploadId + ".part");
    }

    /**
     * Copies at most {@code max} bytes from the body to the file at {@code position}; a body cut short
     * keeps what arrived (that is what resuming builds on). Returns the bytes written. Not flushed per
     * chunk (an fsync per MiB cost 90% of the throughput): a connection break loses nothing, and what a
     * crash of the engine's machine could lose the SHA-256 check at completion catches.
     */
    private static long write(Path file, long position, long max, InputStream body) {
        long written = 0;
        byte[] buffer = new byte[BUFFER];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.position(position);
            try {
                int n;
                while (written < max && (n = body.read(buffer, 0, (int) Math.min(buffer.length, max - written))) > 0) {
                    channel.write(ByteBuffer.wrap(buffer, 0, n));
                    written += n;
                }
                if (written == max && body.read() != -1) {
                    throw ApiException.invalid("the chunk is longer than its Content-Range says");
                }
            } catch (IOException e) {
                // the connection broke mid-chunk: keep what arrived, the client resumes from there
            }
            return written;
        } catch (IOException e) {
            throw ApiException.conflict("cannot write the image: " + e.getMessage());
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw ApiException.conflict("cannot read the image back: " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover .part file is never used as a disk
        }
    }
}
