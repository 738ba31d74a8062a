package dev.vireo.ui.engine;

/**
 * Parameters of {@code GET /api/v1/vms}.
 *
 * @param sort      one of {@code name|status|memoryMiB|createdAt}, or null for the engine's default
 * @param ascending sort direction
 * @param nameLike  name substring filter ({@code q}), or null/blank for all
 */
public record VmQuery(String sort, boolean ascending, String nameLike) {

    public static final VmQuery ALL = new VmQuery(null, true, null);

    public VmQuery {
        nameLike = nameLike == null || nameLike.isBlank() ? null : nameLike.strip();
    }
}
