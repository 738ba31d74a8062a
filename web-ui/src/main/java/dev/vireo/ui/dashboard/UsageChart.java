package dev.vireo.ui.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.dom.Element;
import dev.vireo.ui.engine.Cluster;
import dev.vireo.ui.engine.Host;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-cluster capacity as two Chart.js bar charts ({@code /chartjs/chart.umd.js} through
 * {@code /vireo/charts.js}): memory in use vs free (GiB, from the hosts' reported facts), and the hosts'
 * CPUs next to the VMs running on them. The engine reports no CPU utilisation, so CPU "use" is shown as
 * the load of running VMs against physical CPUs. Canvases: {@code chart-memory}, {@code chart-cpu}.
 */
class UsageChart extends Div {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Element memory = canvas("chart-memory");
    private final Element cpu = canvas("chart-cpu");
    private String shown = "";

    UsageChart() {
        setId("usage-chart");
        addClassName("vireo-card");
        Div boxes = new Div(box(memory), box(cpu));
        boxes.getStyle().set("display", "grid").set("grid-template-columns", "1fr 1fr").set("gap", "var(--lumo-space-m)");
        add(new H3("Cluster capacity: memory and CPU"), boxes);
    }

    private static Element canvas(String id) {
        Element c = new Element("canvas");
        c.setAttribute("id", id);
        return c;
    }

    private static Div box(Element canvas) {
        Div box = new Div();
        box.addClassName("vireo-chart-box");
        box.getElement().appendChild(canvas);
        return box;
    }

    void show(List<Host> hosts, List<Cluster> clusters) {
        Map<String, double[]> byCluster = new LinkedHashMap<>(); // usedGiB, freeGiB, cpus, runningVms
        clusters.forEach(c -> byCluster.put(c.id(), new double[4]));
        for (Host h : hosts) {
            double[] v = byCluster.computeIfAbsent(h.clusterId(), k -> new double[4]);
            long mem = h.memoryMiB() == null ? 0 : h.memoryMiB();
            long free = h.freeMemoryMiB() == null ? mem : Math.min(mem, h.freeMemoryMiB());
            v[0] += (mem - free) / 1024.0;
            v[1] += free / 1024.0;
            v[2] += h.cpuCount() == null ? 0 : h.cpuCount();
            v[3] += h.runningVms() == null ? 0 : h.runningVms();
        }
        List<String> labels = new ArrayList<>();
        byCluster.keySet().forEach(id -> labels.add(clusters.stream().filter(c -> c.id().equals(id))
                .map(Cluster::name).findFirst().orElse(id == null ? "(none)" : id)));
        List<double[]> values = new ArrayList<>(byCluster.values());
        Map<String, Object> mem = chart(labels, true, "GiB",
                dataset("In use", values, 0, "hsl(214, 90%, 52%)"), dataset("Free", values, 1, "hsl(214, 35%, 82%)"));
        Map<String, Object> cpus = chart(labels, false, "",
                dataset("CPUs", values, 2, "hsl(145, 55%, 42%)"), dataset("Running VMs", values, 3, "hsl(30, 90%, 55%)"));
        String json = write(List.of(mem, cpus));
        if (!json.equals(shown)) {
            shown = json;
            getElement().executeJs("return import($0).then(m => { const d = JSON.parse($3);"
                    + " return Promise.all([m.bar($1, d[0]), m.bar($2, d[1])]); })",
                    "/vireo/charts.js", memory, cpu, json);
        }
    }

    private static Map<String, Object> dataset(String label, List<double[]> values, int index, String color) {
        return Map.of("label", label, "color", color,
                "data", values.stream().map(v -> Math.round(v[index] * 10) / 10.0).toList());
    }

    @SafeVarargs
    private static Map<String, Object> chart(List<String> labels, boolean stacked, String unit,
            Map<String, Object>... datasets) {
        return Map.of("labels", labels, "stacked", stacked, "unit", unit, "datasets", List.of(datasets));
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
