package dev.vireo.ui.hosts;

import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.Host;
import dev.vireo.ui.engine.Page;
import dev.vireo.ui.engine.Vm;
import java.util.List;

/** The VMs on one host, as the engine's VM list filtered by host gives them (the first {@link #LIMIT}). */
final class HostVms {

    static final int LIMIT = 1000;

    /** @param vms what was found; {@code complete} false when the host has more than {@link #LIMIT} */
    record Result(List<Vm> vms, boolean complete, int scanned) {
    }

    private HostVms() {
    }

    static Result on(EngineClient engine, Host host) {
        Page<Vm> page = engine.vmsOnHost(host.id(), LIMIT);
        return new Result(page.items(), page.total() <= page.items().size(), (int) page.total());
    }
}
