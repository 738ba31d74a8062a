package dev.vireo.ui.engine;

/**
 * Parameters of {@code GET /api/v1/vms}.
 *
 * @param sort      one of {@code name|status|memoryMiB|vcpus|createdAt|updatedAt}, or null for the engine's default
 * @param ascending sort direction
 * @param nameLike  name substring filter ({@code q}), or null/blank for all
 * @param status    only VMs in this state, or null for all
 */
public record VmQuery(String sort, boolean ascending, String nameLike, VmStatus status) {

    public static final VmQuery ALL = new VmQuery(null, true, null, null);

    public VmQuery {
        nameLike = nameLike == null || nameLike.isBlank() ? null : nameLike.strip();
    }

    public VmQuery(String sort, boolean ascending, String nameLike) {
        this(sort, ascending, nameLike, null);
    }
}
