package dev.vireo.ui.network;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.vireo.ui.common.Confirm;
import dev.vireo.ui.common.EngineGuard;
import dev.vireo.ui.common.Facts;
import dev.vireo.ui.common.Notifications;
import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.EngineProblemException;
import dev.vireo.ui.engine.Host;
import dev.vireo.ui.engine.HostNic;
import dev.vireo.ui.engine.Job;
import dev.vireo.ui.engine.LogicalNetwork;
import dev.vireo.ui.engine.NetworkClient;
import dev.vireo.ui.engine.NetworkSetup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A host's Network tab (administrators): its NICs as the agent reports them, its confirmed setup, and an editor for
 * a new one — bonds over chosen NICs, logical networks on NICs or bonds — sent whole to the engine (confirmed first)
 * and applied as a job whose progress and outcome show here. A refusal (4xx) shows the engine's words and keeps
 * the draft; so does a failed job (a rollback reads "rolled back: …"). A job that succeeds resets the draft to the
 * new confirmed setup.
 */
public class HostNetworkPanel extends VerticalLayout {

    private final EngineClient engine;
    private final NetworkClient net;
    private final EngineGuard guard;
    private SetupDraft draft = new SetupDraft(null);
    private final NicsGrid nics = new NicsGrid();
    private final Facts current = new Facts("host-network-setup");
    private final DraftView draftView = new DraftView(b -> edit(() -> draft.removeBond(b.name())),
            a -> edit(() -> draft.detach(a.networkId())));
    private final BondForm bondForm = new BondForm(f -> change(draft.addBond(f.name(), f.members(), f.mode(), f.lacpRate(),
            f.miimonMs())), this::showError);
    private final AttachForm attachForm = new AttachForm((id, on, vlan, mtu) -> change(draft.attach(id, on, vlan, mtu)),
            this::showError);
    private final Span error = new Span();
    private final SetupJobStatus jobStatus = new SetupJobStatus();
    private Host host;
    private List<HostNic> shownNics;
    private List<LogicalNetwork> networks = List.of();
    private List<String> shownInterfaces;
    private String jobId;

    public HostNetworkPanel(EngineClient engine, EngineGuard guard) {
        this.engine = engine;
        this.net = new NetworkClient(engine);
        this.guard = guard;
        setId("host-network");
        setPadding(false);
        error.setId("network-error");
        error.addClassName("vireo-error-text");
        error.setVisible(false);
        Button apply = new Button("Apply setup", e -> confirmApply());
        apply.setId("network-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H4("NICs"), nics, new H4("Confirmed setup"), current, new H4("New setup"), draftView, bondForm, attachForm,
                error, apply, jobStatus);
    }

    /** Shows this host afresh: its NICs and setup re-read, the draft reset to the confirmed setup. */
    public void show(Host h) {
        host = h;
        jobId = null;
        jobStatus.setVisible(false);
        showError(null);
        shownNics = null;
        load(true);
    }

    /** Re-reads NICs, setup and the running job; the draft stays as edited. */
    public void refresh() {
        if (host != null && guard.reachable()) {
            load(false);
        }
    }

    private void load(boolean resetDraft) {
        try {
            Job job = jobId == null ? null : engine.job(jobId);
            NetworkSetup setup = net.setup(host.id());
            List<HostNic> reported = net.nics(host.id());
            if (!reported.equals(shownNics)) {
                shownNics = reported;
                nics.setItems(reported);
                bondForm.nics(reported);
            }
            showConfirmed(setup);
            if (resetDraft) {
                networks = net.networks().stream().filter(n -> Objects.equals(n.clusterId(), host.clusterId())).toList();
                draft = new SetupDraft(setup);
            }
            if (job != null) {
                jobStatus.show(job);
                if (job.status() != null && job.status().finished()) {
                    jobId = null;
                    ended(job, setup);
                }
            }
            showDraft();
        } catch (EngineException e) {
            guard.report(e);
        }
    }

    private void ended(Job job, NetworkSetup setup) {
        switch (job.status()) {
            case SUCCEEDED -> {
                draft = new SetupDraft(setup);
                Notifications.success("Network setup of " + host.name() + " applied and confirmed");
            }
            default -> Notifications.error("Network setup of " + host.name() + " " + job.status().name().toLowerCase()
                    + ": " + job.message());
        }
    }

    private void showConfirmed(NetworkSetup s) {
        Map<String, String> names = names();
        current.clear().fact("Switch type", "ovs".equals(s.switchType()) ? "Open vSwitch" : "Linux bridge (" + s.switchType() + ")")
                .fact("Bonds", s.bonds().isEmpty() ? "none" : s.bonds().stream().map(b -> b.name() + " = "
                        + String.join(" + ", b.members()) + " (" + b.mode() + (b.lacpRate() == null ? "" : ", " + b.lacpRate())
                        + (b.miimonMs() == null ? "" : ", miimon " + b.miimonMs() + " ms") + ")").collect(Collectors.joining("; ")))
                .fact("Networks", s.networks().isEmpty() ? "none" : s.networks().stream().map(a -> names.getOrDefault(a.networkId(),
                        a.networkId()) + " on " + a.on() + (a.vlanId() == null ? "" : ", VLAN " + a.vlanId())
                        + (a.mtu() == null ? "" : ", MTU " + a.mtu())).collect(Collectors.joining("; ")));
    }

    private void showDraft() {
        draftView.show(draft, names());
        Set<String> bonded = draft.bonds().stream().flatMap(b -> b.members().stream()).collect(Collectors.toSet());
        List<String> interfaces = new ArrayList<>();
        draft.bonds().forEach(b -> interfaces.add(b.name()));
        (shownNics == null ? List.<HostNic>of() : shownNics).stream().filter(HostNic::nic).map(HostNic::name)
                .filter(n -> !bonded.contains(n)).sorted().forEach(interfaces::add);
        if (!interfaces.equals(shownInterfaces)) {
            shownInterfaces = interfaces;
            attachForm.choices(networks, interfaces);
        }
    }

    private Map<String, String> names() {
        return networks.stream().collect(Collectors.toMap(LogicalNetwork::id, LogicalNetwork::name, (a, b) -> a));
    }

    private String change(String why) {
        if (why == null) {
            showDraft();
        }
        return why;
    }

    private void edit(Runnable r) {
        r.run();
        showDraft();
    }

    private void showError(String text) {
        error.setText(text == null ? "" : text);
        error.setVisible(text != null);
    }

    private void confirmApply() {
        NetworkSetup.Request request = draft.request();
        Confirm.ask("network-confirm", "Apply this network setup to " + host.name() + "?",
                request.bonds().size() + " bond(s), " + request.networks().size() + " network(s). What the setup leaves out "
                        + "is removed from the host. The host then checks that it still reaches the engine, and rolls the "
                        + "change back by itself if it does not.", "Apply", () -> apply(request));
    }

    private void apply(NetworkSetup.Request request) {
        showError(null);
        try {
            Job job = net.apply(host.id(), request);
            jobId = job.id();
            jobStatus.show(job);
            Notifications.success("Network setup sent to " + host.name());
        } catch (EngineException e) {
            showError(e instanceof EngineProblemException p ? p.problem().message() : e.getMessage());
            Notifications.engineError(e);
        }
    }
}
