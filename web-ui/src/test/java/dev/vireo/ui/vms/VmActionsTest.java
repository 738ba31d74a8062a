package dev.vireo.ui.vms;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.ui.engine.EngineProblemException;
import dev.vireo.ui.engine.EngineUnreachableException;
import dev.vireo.ui.engine.Problem;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Which Start failures also open the placement dialog. */
class VmActionsTest {

    private static EngineProblemException problem(int status, String detail) {
        return new EngineProblemException(new Problem("about:blank", "x", status, detail));
    }

    @Test
    void onlyTheSchedulersRefusalOpensThePlacement() {
        assertTrue(VmActions.noHostCanRunIt(problem(409,
                "no host in cluster 'Default' can run VM demo (128 MiB, 1 vCPU): h1: host_up: is INSTALLING")));
        assertFalse(VmActions.noHostCanRunIt(problem(409, "VM demo is RUNNING; it can be started only when DOWN")));
        assertFalse(VmActions.noHostCanRunIt(problem(404, "no host in cluster, but a 404")));
        assertFalse(VmActions.noHostCanRunIt(problem(409, null)));
        assertFalse(VmActions.noHostCanRunIt(new EngineUnreachableException(URI.create("http://x"), new IOException())));
    }
}
