package dev.vireo.ui.storage;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.vireo.ui.common.EngineGuard;
import dev.vireo.ui.common.Formats;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.ImageUpload;
import dev.vireo.ui.engine.StorageClient;
import java.util.stream.Stream;

/**
 * Uploaded images, newest first, lazily ({@code GET /images/uploads}): name, format, size, how much arrived, status
 * (with the failure's reason) and the SHA-256 the engine checked. Rows carry {@code data-image} (the name),
 * {@code data-status} and {@code data-sha256}.
 */
class ImagesGrid extends Grid<ImageUpload> {

    private final StorageClient storage;
    private final EngineGuard guard;

    ImagesGrid(StorageClient storage, EngineGuard guard) {
        this.storage = storage;
        this.guard = guard;
        setId("images-grid");
        setSelectionMode(SelectionMode.NONE);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setEmptyStateText("No images uploaded yet");
        addColumn(LitRenderer.<ImageUpload>of("<span data-image=\"${item.name}\">${item.name}</span>")
                .withProperty("name", ImageUpload::name)).setHeader("Name").setKey("name").setFlexGrow(2).setResizable(true);
        addColumn(ImageUpload::format).setHeader("Format").setKey("format").setWidth("90px").setFlexGrow(0);
        addColumn(u -> Sizes.of(u.sizeBytes())).setHeader("Size").setKey("size").setAutoWidth(true).setFlexGrow(0);
        addColumn(LitRenderer.<ImageUpload>of("""
                        <span theme="badge ${item.theme}" data-status="${item.status}" title="${item.message}">${item.label}</span>""")
                        .withProperty("status", ImageUpload::status)
                        .withProperty("label", u -> "UPLOADING".equals(u.status()) ? "UPLOADING " + u.percent() + " %" : u.status())
                        .withProperty("message", u -> Formats.text(u.message()))
                        .withProperty("theme", u -> switch (Formats.text(u.status())) {
                            case "IMPORTED" -> "success";
                            case "FAILED" -> "error";
                            default -> "";
                        }))
                .setHeader("Status").setKey("status").setAutoWidth(true).setFlexGrow(0).setTooltipGenerator(u -> Formats.text(u.message()));
        addColumn(LitRenderer.<ImageUpload>of("""
                        <span data-sha256="${item.sha}" title="${item.sha}" style="font-family:monospace">${item.short}</span>""")
                        .withProperty("sha", u -> Formats.text(u.sha256()))
                        .withProperty("short", u -> u.sha256() == null ? "—" : u.sha256().substring(0, 16) + "…"))
                .setHeader("SHA-256").setKey("sha256").setWidth("190px").setFlexGrow(0);
        addColumn(u -> Formats.timestamp(u.createdAt())).setHeader("Uploaded").setKey("created").setWidth("235px").setFlexGrow(0);
        addColumn(ImageUpload::createdBy).setHeader("By").setKey("by").setWidth("100px").setFlexGrow(0);
        setItems(new CallbackDataProvider<>(this::fetch, q -> count(), ImageUpload::id));
    }

    void refresh() {
        getDataProvider().refreshAll();
    }

    private Stream<ImageUpload> fetch(Query<ImageUpload, Void> q) {
        if (!guard.reachable()) {
            return Stream.empty();
        }
        try {
            return storage.uploadRange(q.getOffset(), q.getLimit()).stream();
        } catch (EngineException e) {
            guard.report(e);
            return Stream.empty();
        }
    }

    private int count() {
        if (!guard.reachable()) {
            return 0;
        }
        try {
            return (int) Math.min(Integer.MAX_VALUE, storage.uploads(0, 1).total());
        } catch (EngineException e) {
            guard.report(e);
            return 0;
        }
    }
}
