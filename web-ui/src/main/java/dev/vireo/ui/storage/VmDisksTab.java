package dev.vireo.ui.storage;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.vireo.ui.common.Confirm;
import dev.vireo.ui.common.EngineGuard;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.Disk;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.StorageClient;
import dev.vireo.ui.engine.StorageDomain;
import dev.vireo.ui.engine.Vm;
import dev.vireo.ui.engine.VmStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A VM's Disks tab (administrators): its disks by guest device (vda, the boot disk, first) with size, format,
 * storage domain, and Detach (confirmed); Add disk (new or existing free one) — while the VM is down it changes
 * the definition, while it runs it hot-plugs. Below, the VM's CD-ROM. A shareable disk shows as raw, shareable, with
 * how many VMs have it. Rows carry {@code data-disk} (the disk's name), {@code data-target} and
 * {@code data-shareable}.
 */
public class VmDisksTab extends VerticalLayout {

    private final StorageClient storage;
    private final EngineGuard guard;
    private final Grid<Disk> grid = new Grid<>();
    private final Span mode = new Span();
    private final Button add = new Button("Add disk", VaadinIcon.PLUS.create());
    private final VmCdromPanel cdrom;
    private final Map<String, String> domainNames = new HashMap<>();
    private Vm vm;
    private List<Disk> disks = List.of();

    public VmDisksTab(EngineClient engine, EngineGuard guard, Vm vm) {
        this.storage = new StorageClient(engine);
        this.guard = guard;
        this.vm = vm;
        this.cdrom = new VmCdromPanel(storage, vm);
        setId("vm-disks-tab");
        setPadding(false);
        grid.setId("vm-disks");
        grid.setSelectionMode(Grid.SelectionMode.NONE);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No disks: the VM boots the guest kit's kernel without one");
        grid.addColumn(LitRenderer.<Disk>of("<span data-disk=\"${item.name}\" data-target=\"${item.target}\" "
                                + "data-shareable=\"${item.shareable}\">${item.target}</span>")
                        .withProperty("name", Disk::name).withProperty("target", Disk::target)
                        .withProperty("shareable", Disk::shareable))
                .setHeader("Device").setKey("target").setWidth("90px").setFlexGrow(0);
        grid.addColumn(Disk::name).setHeader("Name").setKey("name").setFlexGrow(2);
        grid.addColumn(d -> Sizes.of(d.sizeBytes())).setHeader("Size").setKey("size").setWidth("110px").setFlexGrow(0);
        grid.addColumn(d -> Sizes.of(d.actualBytes())).setHeader("Allocated").setKey("allocated").setWidth("110px")
                .setFlexGrow(0);
        grid.addColumn(LitRenderer.<Disk>of("""
                        ${item.format}<span ?hidden="${!item.shareable}" theme="badge contrast small" data-shareable-badge="${item.name}"
                            title="${item.sharers}" style="margin-left:.4em">shareable</span>""")
                        .withProperty("name", Disk::name)
                        .withProperty("shareable", Disk::shareable)
                        .withProperty("format", d -> d.shareable() ? "raw" : d.backingDiskId() == null ? "qcow2" : "qcow2 (thin clone)")
                        .withProperty("sharers", d -> "attached to " + d.sharers() + " VM" + (d.sharers() == 1 ? "" : "s")))
                // fixed: an auto width is measured when the grid first renders, and a badge added later was cut off
                .setHeader("Format").setKey("format").setWidth("170px").setFlexGrow(0);
        grid.addColumn(d -> domainNames.getOrDefault(d.storageDomainId(), d.storageDomainId())).setHeader("Storage domain")
                .setKey("domain").setFlexGrow(1);
        grid.addColumn(d -> d.boot() ? "boot" : "").setHeader("Boot").setKey("boot").setWidth("80px").setFlexGrow(0);
        grid.addColumn(LitRenderer.<Disk>of("""
                        <vaadin-button theme="small error tertiary" data-detach-disk="${item.name}" ?disabled="${!item.detachable}"
                            @click="${detach}">Detach</vaadin-button>""")
                        .withProperty("name", Disk::name)
                        .withProperty("detachable", d -> !(d.boot() && live()))
                        .withFunction("detach", this::confirmDetach))
                .setHeader("").setKey("detach").setWidth("110px").setFlexGrow(0);

        add.setId("vm-disk-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        add.addClickListener(e -> new AddDiskDialog(storage, this.vm, disks.size(), this::refresh).open());
        mode.setId("vm-disks-mode");
        mode.addClassName("vireo-muted");
        HorizontalLayout bar = new HorizontalLayout(add, mode);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        add(bar, grid, new H4("CD-ROM"), cdrom);
    }

    /** Re-reads the disks and the CD-ROM for this state of the VM. */
    public void show(Vm current) {
        vm = current;
        mode.setText(live()
                ? "The VM runs: disks are hot-plugged and unplugged; the boot disk is detached only while it is down."
                : "The VM is down: changes take effect at its next start.");
        add.setEnabled(vm.status() == VmStatus.DOWN || live());
        refresh();
    }

    public void refresh() {
        if (!guard.reachable()) {
            return;
        }
        try {
            if (domainNames.isEmpty()) {
                storage.storageDomains().forEach((StorageDomain d) -> domainNames.put(d.id(), d.name()));
            }
            disks = storage.vmDisks(vm.id());
            grid.setItems(disks);
            cdrom.show(vm);
        } catch (EngineException e) {
            guard.report(e);
        }
    }

    private boolean live() {
        return vm.status() == VmStatus.RUNNING || vm.status() == VmStatus.PAUSED;
    }

    private void confirmDetach(Disk d) {
        Confirm.ask("disk-confirm", "Detach disk " + d.name() + " from " + vm.name() + "?",
                (live() ? "The disk is unplugged from the running guest once it releases it. " : "")
                        + "The disk and its data stay; it can be attached again.", "Detach", () -> {
                    try {
                        storage.detach(vm.id(), d.id());
                        Notifications.success("Disk " + d.name() + " detached from " + vm.name());
                    } catch (EngineException e) {
                        Notifications.engineError(e);
                    }
                    refresh();
                });
    }
}
