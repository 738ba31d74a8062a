package dev.vireo.ui.hosts;

import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.Host;
import dev.vireo.ui.engine.Page;
import dev.vireo.ui.engine.Vm;
import dev.vireo.ui.engine.VmQuery;
import dev.vireo.ui.engine.VmStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The VMs on one host. The engine's VM list has no host filter yet, so this walks the VMs that occupy a
 * host (sorted by status descending, DOWN comes last) page by page and keeps this host's, stopping when
 * it has found the host's {@code runningVms}, reaches the DOWN ones, or has looked at {@link #SCAN_LIMIT}.
 */
final class HostVms {

    static final int SCAN_LIMIT = 5000;
    private static final int PAGE = 500;
    private static final VmQuery BY_STATUS_DESC = new VmQuery("status", false, null);

    /** @param vms what was found; {@code complete} false when the scan limit stopped it early */
    record Result(List<Vm> vms, boolean complete, int scanned) {
    }

    private HostVms() {
    }

    static Result on(EngineClient engine, Host host) {
        long expected = host.runningVms() == null ? Long.MAX_VALUE : host.runningVms();
        List<Vm> found = new ArrayList<>();
        int offset = 0;
        while (found.size() < expected) {
            if (offset >= SCAN_LIMIT) {
                return new Result(found, false, offset);
            }
            Page<Vm> page = engine.listVms(offset, PAGE, BY_STATUS_DESC);
            for (Vm vm : page.items()) {
                if (vm.status() == VmStatus.DOWN) {
                    return new Result(found, true, offset);
                }
                if (host.id().equals(vm.hostId())) {
                    found.add(vm);
                }
            }
            offset += page.items().size();
            if (page.items().isEmpty() || offset >= page.total()) {
                break;
            }
        }
        return new Result(found, true, offset);
    }
}
