package dev.vireo.protocol;

/**
 * A disk volume on a host, for the volume commands. Paths are host paths inside the host's image
 * directories; the engine names volume files only by disk id ({@code <uuid>.qcow2}), never by user text.
 *
 * @param path        the volume's file
 * @param sizeBytes   its virtual size (create, resize); 0 with a backing volume means the backing's size
 * @param backingPath for a thin clone: the volume it is layered over (copy-on-write), else null
 * @param sourcePath  for a copy: the volume copied from, else null
 * @param sourceFormat for a copy: the format the source claims to be (qcow2, raw, vmdk, vdi, vhdx); the
 *                     copy is refused when qemu-img finds another; null: whatever qemu-img finds. A claimed
 *                     format marks the source as untrusted (an upload): it may not name other files
 *                     (backing files, vmdk extents) for qemu-img to read
 * @param targetFormat for a copy: null or qcow2 for a volume; vmdk for a streamOptimized vmdk (OVA export),
 *                     whose file is then {@code <uuid>.vmdk}
 */
public record VolumeSpec(String path, long sizeBytes, String backingPath, String sourcePath, String sourceFormat,
                         String targetFormat) {

    public VolumeSpec(String path, long sizeBytes, String backingPath, String sourcePath, String sourceFormat) {
        this(path, sizeBytes, backingPath, sourcePath, sourceFormat, null);
    }

    public VolumeSpec(String path, long sizeBytes, String backingPath, String sourcePath) {
        this(path, sizeBytes, backingPath, sourcePath, null);
    }

    public static VolumeSpec empty(String path, long sizeBytes) {
        return new VolumeSpec(path, sizeBytes, null, null);
    }

    public static VolumeSpec thinClone(String path, String backingPath) {
        return new VolumeSpec(path, 0, backingPath, null);
    }

    public static VolumeSpec copyOf(String path, String sourcePath) {
        return new VolumeSpec(path, 0, null, sourcePath);
    }

    /** An import: converts an uploaded image of the claimed format into a qcow2 volume. */
    public static VolumeSpec convert(String path, String sourcePath, String claimedFormat) {
        return new VolumeSpec(path, 0, null, sourcePath, claimedFormat);
    }

    /** An export: a flattened, compressed streamOptimized vmdk of a volume, for an OVA. */
    public static VolumeSpec exportVmdk(String path, String sourcePath) {
        return new VolumeSpec(path, 0, null, sourcePath, null, "vmdk");
    }
}
