package dev.vireo.ui.vms;

import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.vireo.ui.common.Refreshable;
import dev.vireo.ui.layout.MainLayout;
import dev.vireo.ui.layout.Portal;
import jakarta.inject.Inject;

/** All the VMs one may see: new-VM form, name filter and the lazy grid (administrators' "Virtual machines"). */
@Route(value = "vms", layout = MainLayout.class)
@PageTitle("Virtual machines · Vireo")
public class VmsView extends VmsPanel implements Refreshable {

    @Inject
    public VmsView(Portal portal) {
        super(portal.engine(), portal.banner(), "Virtual machines", portal.admin());
        setId("vms-view");
        addClassNames("vireo-card", "vireo-fill");
        setMinHeight("560px");
    }
}
