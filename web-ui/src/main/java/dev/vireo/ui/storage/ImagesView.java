package dev.vireo.ui.storage;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.vireo.ui.common.Refreshable;
import dev.vireo.ui.dashboard.HomeView;
import dev.vireo.ui.engine.StorageClient;
import dev.vireo.ui.layout.MainLayout;
import dev.vireo.ui.layout.Portal;
import jakarta.inject.Inject;

/**
 * Images (administrators): upload a local disk image, OVA or ISO with a progress bar, resume or discard the uploads
 * that stopped before the end, the storage domains disks live on (and a new one), and the uploads so far.
 */
@Route(value = "images", layout = MainLayout.class)
@PageTitle("Images · Vireo")
public class ImagesView extends VerticalLayout implements BeforeEnterObserver, Refreshable {

    private final Portal portal;
    private ImagesGrid grid;
    private UnfinishedUploads unfinished;
    private StorageDomainsPanel domains;

    @Inject
    public ImagesView(Portal portal, UploadTickets tickets) {
        this.portal = portal;
        setId("images-view");
        addClassNames("vireo-card", "vireo-fill");
        H2 title = new H2("Images");
        title.addClassName("vireo-page-title");
        if (!portal.admin()) {
            return;
        }
        StorageClient storage = new StorageClient(portal.engine());
        grid = new ImagesGrid(storage, portal.banner());
        grid.setMinHeight("320px");
        H3 uploads = new H3("Uploads");
        ImageUploadPanel panel = new ImageUploadPanel(storage, tickets, this::refresh);
        unfinished = new UnfinishedUploads(storage, panel::resume, panel::activeUploadId, grid::refresh);
        domains = new StorageDomainsPanel(storage, portal.banner());
        add(title, panel, unfinished, domains, uploads, grid);
        setFlexGrow(1, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!portal.admin()) {
            event.rerouteTo(HomeView.class);
        }
    }

    @Override
    public void refresh() {
        if (grid != null) {
            grid.refresh();
            unfinished.refresh();
            domains.refresh();
        }
    }
}
