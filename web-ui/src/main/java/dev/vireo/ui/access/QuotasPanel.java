package dev.vireo.ui.access;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.vireo.ui.common.Confirm;
import dev.vireo.ui.common.Formats;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.AccessClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.Quota;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** Quotas with a usage bar per limit, New / Edit / Delete (confirmed: its VMs then count against nothing). */
class QuotasPanel extends VerticalLayout {

    private static final String BAR = """
            <div style="width:100%%">
              <vaadin-progress-bar .value="${item.%1$sShare}" theme="${item.%1$sTheme}" style="margin:2px 0"></vaadin-progress-bar>
              <span style="font-size:var(--lumo-font-size-xs)">${item.%1$sText}</span>
            </div>""";

    private final AccessClient access;
    private final Grid<Quota> grid = new Grid<>();
    /** whom each quota is for, from the audit log (the quota view lacks it); quota id → {kind, principal} */

    QuotasPanel(AccessClient access) {
        this.access = access;
        setPadding(false);
        grid.setId("quotas-grid");
        grid.setSelectionMode(Grid.SelectionMode.NONE);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText("No quotas");
        grid.addColumn(Quota::name).setHeader("Name").setKey("name").setFlexGrow(1);
        grid.addColumn(q -> q.principalKind() + " " + q.principal()).setHeader("For").setKey("for").setFlexGrow(1);
        usage("VMs", "vms", Quota::usedVms, Quota::maxVms, "");
        usage("vCPUs", "vcpus", Quota::usedVcpus, Quota::maxVcpus, "");
        usage("Memory", "memory", Quota::usedMemoryMiB, Quota::maxMemoryMiB, " MiB");
        grid.addColumn(LitRenderer.<Quota>of("""
                        <vaadin-button theme="small tertiary" data-edit-quota="${item.name}" @click="${edit}">Edit</vaadin-button>
                        <vaadin-button theme="small error tertiary" data-delete-quota="${item.name}" @click="${remove}">Delete</vaadin-button>""")
                        .withProperty("name", Quota::name)
                        .withFunction("edit", q -> new QuotaDialog(access, q, new String[] {q.principalKind(), q.principal()}, this::refresh).open())
                        .withFunction("remove", this::confirmDelete))
                .setHeader("").setKey("actions").setWidth("170px").setFlexGrow(0);
        grid.setMinHeight("320px");

        Button create = new Button("New quota", VaadinIcon.PLUS.create(),
                e -> new QuotaDialog(access, null, null, this::refresh).open());
        create.setId("quota-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(create, grid);
        setFlexGrow(1, grid);
        refresh();
    }

    private void usage(String header, String key, ToLongFunction<Quota> used, Function<Quota, Number> max, String unit) {
        grid.addColumn(LitRenderer.<Quota>of(BAR.formatted(key))
                        .withProperty(key + "Share", q -> Formats.share(used.applyAsLong(q), max.apply(q)))
                        .withProperty(key + "Theme", q -> Formats.share(used.applyAsLong(q), max.apply(q)) >= 1
                                && max.apply(q) != null ? "error" : "")
                        .withProperty(key + "Text", q -> used.applyAsLong(q) + " / "
                                + (max.apply(q) == null ? "unlimited" : max.apply(q)) + unit))
                .setHeader(header).setKey(key).setFlexGrow(1);
    }


    void refresh() {
        try {
            grid.setItems(access.quotas());
        } catch (EngineException e) {
            Notifications.engineError(e);
        }
    }

    private void confirmDelete(Quota q) {
        Confirm.ask("quota-confirm", "Delete quota " + q.name() + "?",
                "Its " + q.usedVms() + " VM(s) stay and count against no quota afterwards.", "Delete", () -> {
                    try {
                        access.deleteQuota(q.id());
                        Notifications.success("Deleted quota " + q.name());
                    } catch (EngineException e) {
                        Notifications.engineError(e);
                    }
                    refresh();
                });
    }
}
