package dev.vireo.ui.storage;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.vireo.ui.common.EngineGuard;
import dev.vireo.ui.common.Formats;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.StorageClient;
import dev.vireo.ui.engine.StorageDomain;
import java.util.List;

/**
 * Storage domains (administrators): where disks live, with their use, and a form for a new one — a
 * directory every host has at the same path, shared by all hosts (a mount) or each host's own (disks there
 * belong to one host; live migration copies them). The pool type is offered as the engine defines it; the
 * engine refuses those it does not support yet, and its reason is shown with the form kept.
 */
class StorageDomainsPanel extends VerticalLayout {

    private final StorageClient storage;
    private final EngineGuard guard;
    private final Grid<StorageDomain> grid = new Grid<>();
    private final TextField name = new TextField("Name");
    private final TextField path = new TextField("Directory on every host");
    private final Checkbox shared = new Checkbox("Shared by all hosts", true);
    private final Select<String> poolType = new Select<>();

    StorageDomainsPanel(StorageClient storage, EngineGuard guard) {
        this.storage = storage;
        this.guard = guard;
        setPadding(false);
        setId("storage-domains");
        name.setId("sd-name");
        name.setPlaceholder("e.g. fast-local");
        path.setId("sd-path");
        path.setPlaceholder("/var/lib/vireo/images/domains/fast");
        path.setWidth("22em");
        shared.setId("sd-shared");
        shared.setTooltipText("Off: each host has its own directory at this path; a disk there is on one host, "
                + "and a VM using it runs there (live migration copies it)");
        poolType.setId("sd-pool-type");
        poolType.setLabel("Pool type");
        poolType.setItems(List.of("dir", "netfs", "logical"));
        poolType.setValue("dir");
        Button add = new Button("Add domain", e -> create());
        add.setId("sd-create");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(name, path, poolType, shared, add);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);

        grid.setId("storage-domains-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.addColumn(LitRenderer.<StorageDomain>of("<span data-domain=\"${item.name}\">${item.name}</span>")
                .withProperty("name", StorageDomain::name)).setHeader("Name").setFlexGrow(1);
        grid.addColumn(StorageDomain::path).setHeader("Path").setFlexGrow(2).setTooltipGenerator(StorageDomain::path);
        grid.addColumn(d -> d.shared() ? "shared" : "each host's own").setHeader("Hosts").setWidth("135px").setFlexGrow(0);
        grid.addColumn(d -> Formats.text(d.poolType())).setHeader("Pool type").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(d -> Formats.number(d.disks())).setHeader("Disks").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(d -> Sizes.of(d.provisionedBytes())).setHeader("Provisioned").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(d -> Sizes.of(d.allocatedBytes())).setHeader("Allocated").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(d -> d.freeBytes() == null ? "—" : Sizes.of(d.freeBytes()) + " of " + Sizes.of(d.capacityBytes()))
                .setHeader("Free").setAutoWidth(true).setFlexGrow(0);

        add(new H3("Storage domains"), form, grid);
        refresh();
    }

    void refresh() {
        if (!guard.reachable()) {
            return;
        }
        try {
            grid.setItems(storage.storageDomains());
        } catch (EngineException e) {
            guard.report(e);
        }
    }

    private void create() {
        String n = name.getValue().strip();
        String p = path.getValue().strip();
        if (n.isEmpty() || p.isEmpty()) {
            Notifications.error("Give the domain a name and the directory it is on every host");
            return;
        }
        try {
            StorageDomain made = storage.createStorageDomain(new StorageDomain.New(n, p, poolType.getValue(), shared.getValue()));
            Notifications.success("Storage domain " + made.name() + " added (" + (made.shared() ? "shared" : "each host's own") + ")");
            name.clear();
            path.clear();
            refresh();
        } catch (EngineException e) {
            Notifications.engineError(e);   // the form keeps what was typed
        }
    }
}
