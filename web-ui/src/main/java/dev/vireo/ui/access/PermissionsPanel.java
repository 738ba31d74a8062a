package dev.vireo.ui.access;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.vireo.ui.common.Confirm;
import dev.vireo.ui.common.Formats;
import dev.vireo.ui.common.Names;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.AccessClient;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.Permission;
import java.util.HashMap;
import java.util.Map;

/** Who holds which role on what: the grant form, and the grants with Revoke (confirmed). */
class PermissionsPanel extends VerticalLayout {

    private final EngineClient engine;
    private final AccessClient access;
    private final Names names;
    private final Grid<Permission> grid = new Grid<>();
    private final Map<String, String> clusters = new HashMap<>();

    PermissionsPanel(EngineClient engine, AccessClient access) {
        this.engine = engine;
        this.access = access;
        this.names = new Names(engine);
        setPadding(false);
        grid.setId("permissions-grid");
        grid.setSelectionMode(Grid.SelectionMode.NONE);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText("No permissions granted");
        grid.addColumn(LitRenderer.<Permission>of("<span theme=\"badge contrast\">${item.kind}</span> ${item.who}")
                        .withProperty("kind", Permission::principalKind).withProperty("who", Permission::principal))
                .setHeader("Principal").setKey("principal").setFlexGrow(2);
        grid.addColumn(LitRenderer.<Permission>of("<span theme=\"badge ${item.theme}\">${item.role}</span>")
                        .withProperty("role", Permission::role)
                        .withProperty("theme", p -> "ADMIN".equals(p.role()) ? "error" : ""))
                .setHeader("Role").setKey("role").setWidth("110px").setFlexGrow(0);
        grid.addColumn(p -> p.objectKind() + " " + objectName(p)).setHeader("On").setKey("object").setFlexGrow(2);
        grid.addColumn(p -> Formats.timestamp(p.createdAt())).setHeader("Granted").setKey("created").setWidth("235px")
                .setFlexGrow(0);
        grid.addColumn(Permission::createdBy).setHeader("By").setKey("by").setWidth("100px").setFlexGrow(0);
        grid.addColumn(LitRenderer.<Permission>of("""
                        <vaadin-button theme="small error tertiary" data-revoke="${item.who}" @click="${revoke}">Revoke</vaadin-button>""")
                        .withProperty("who", Permission::principal)
                        .withFunction("revoke", this::confirmRevoke))
                .setHeader("").setKey("revoke").setWidth("110px").setFlexGrow(0);
        grid.setMinHeight("320px");
        add(new GrantForm(engine, access, this::refresh), grid);
        setFlexGrow(1, grid);
        refresh();
    }

    void refresh() {
        try {
            grid.setItems(access.permissions());
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
    }

    private String objectName(Permission p) {
        return switch (p.objectKind()) {
            case "SYSTEM" -> "";
            case "VM" -> names.vm(p.objectId());
            case "CLUSTER" -> clusterName(p.objectId());
            default -> Formats.text(p.objectId());
        };
    }

    private String clusterName(String id) {
        if (!clusters.containsKey(id)) {
            try {
                engine.clusters().forEach(c -> clusters.put(c.id(), c.name()));
            } catch (EngineException e) {
                return id;
            }
        }
        return clusters.getOrDefault(id, id);
    }

    private void confirmRevoke(Permission p) {
        String what = p.role() + " on " + (p.objectKind() + " " + objectName(p)).strip();
        Confirm.ask("permission-confirm", "Revoke " + p.principal() + "'s " + p.role() + "?",
                p.principalKind().toLowerCase() + " " + p.principal() + " loses " + what + ".", "Revoke", () -> {
                    try {
                        access.revoke(p.id());
                        Notifications.success("Revoked " + what + " from " + p.principal());
                    } catch (EngineException e) {
                        Notifications.engineError(e);
                    }
                    refresh();
                });
    }
}
