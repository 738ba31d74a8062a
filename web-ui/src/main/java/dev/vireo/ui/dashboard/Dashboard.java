package dev.vireo.ui.dashboard;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import dev.vireo.ui.common.Names;
import dev.vireo.ui.common.Refreshable;
import dev.vireo.ui.engine.Cluster;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.Host;
import dev.vireo.ui.engine.HostStatus;
import dev.vireo.ui.engine.VmQuery;
import dev.vireo.ui.engine.VmStatus;
import dev.vireo.ui.events.EventsGrid;
import dev.vireo.ui.layout.Portal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The administrators' overview: hosts and VMs by state, cluster capacity, the last 10 events and the
 * running jobs. VM counts are one {@code limit=1} request per state (the engine's {@code total}), so
 * this costs the same with 100,000 VMs as with 10; hosts are few and read whole.
 */
class Dashboard extends Div implements Refreshable {

    private static final Map<String, String> HOST_THEMES = Map.of("UP", "success", "NON_RESPONSIVE", "error",
            "FENCED", "error", "MAINTENANCE", "", "PREPARING_FOR_MAINTENANCE", "");
    private static final Map<String, String> VM_THEMES = Map.of("RUNNING", "success", "UNKNOWN", "error",
            "PAUSED", "", "MIGRATING", "", "STARTING", "", "STOPPING", "");

    private final Portal portal;
    private final StateCard hosts = new StateCard("dashboard-hosts", "Hosts");
    private final StateCard vms = new StateCard("dashboard-vms", "Virtual machines");
    private final UsageChart chart = new UsageChart();
    private final EventsGrid events;
    private final RunningJobs jobs;
    private List<Cluster> clusters;

    Dashboard(Portal portal) {
        this.portal = portal;
        setId("dashboard");
        getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-m)");
        H2 title = new H2("Dashboard");
        title.addClassName("vireo-page-title");

        events = new EventsGrid(portal.engine(), portal.banner(), null, 10);
        events.setId("recent-events");
        events.setAllRowsVisible(true);
        events.getColumnByKey("object").setVisible(false);
        Div eventsCard = new Div(new H3("Recent events"), events);
        eventsCard.addClassName("vireo-card");
        jobs = new RunningJobs(new Names(portal.engine()));

        Div stats = new Div(hosts, vms);
        stats.addClassName("vireo-stats");
        Div bottom = new Div(eventsCard, jobs);
        bottom.getStyle().set("display", "grid").set("grid-template-columns", "minmax(0, 2fr) minmax(0, 1fr)")
                .set("gap", "var(--lumo-space-m)").set("align-items", "start");
        add(title, stats, chart, bottom);
        refresh();
    }

    @Override
    public void refresh() {
        if (!portal.banner().reachable()) {
            return;
        }
        EngineClient engine = portal.engine();
        try {
            List<Host> all = engine.hostRange(0, 1000);
            Map<String, Long> hostCounts = new LinkedHashMap<>();
            for (HostStatus s : HostStatus.values()) {
                if (s != HostStatus.UNKNOWN) {
                    hostCounts.put(s.name(), all.stream().filter(h -> h.status() == s).count());
                }
            }
            hosts.show(all.size(), hostCounts, HOST_THEMES);

            Map<String, Long> vmCounts = new LinkedHashMap<>();
            for (VmStatus s : VmStatus.values()) {
                vmCounts.put(s.name(), engine.countVms(s));
            }
            vms.show(engine.listVms(0, 1, VmQuery.ALL).total(), vmCounts, VM_THEMES);

            if (clusters == null) {
                clusters = engine.clusters();
            }
            chart.show(all, clusters);
            jobs.show(engine.jobRange(0, RunningJobs.LOOK_AT));
        } catch (EngineException e) {
            portal.banner().report(e);
        }
        events.refresh();
    }
}
