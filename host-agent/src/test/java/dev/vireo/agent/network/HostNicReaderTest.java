package dev.vireo.agent.network;

import dev.vireo.protocol.HostNic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class HostNicReaderTest {
    @TempDir
    Path sys;
    @TempDir
    Path run;

    void device(String name, String mac, String speed, String state) throws Exception {
        Path d = Files.createDirectories(sys.resolve(name));
        Files.writeString(d.resolve("address"), mac + "\n");
        Files.writeString(d.resolve("operstate"), state + "\n");
        if (speed != null) {
            Files.writeString(d.resolve("speed"), speed + "\n");
        }
    }

    @Test
    void nicsWithTheirOvsBondAndBridge() throws Exception {
        device("lo", "00:00:00:00:00:00", null, "unknown");
        device("eth0", "52:54:00:00:00:01", "10000", "up");
        device("eth1", "52:54:00:00:00:02", "-1", "down");
        device("eth2", "52:54:00:00:00:03", "1000", "up");
        device("ovslab", "52:54:00:00:00:04", null, "up");
        Path socket = Files.createFile(run.resolve("db.sock")); // exists: OVS runs
        RecordingExec exec = new RecordingExec();
        exec.answer = c -> switch (c.get(c.size() - 1)) {
            case "interface" -> "i1,eth1\ni2,eth2\ni3,ovslab\n";
            case "port" -> "p1,bond0,i1 i2\np2,ovslab,i3\n";
            case "bridge" -> "ovslab,p1 p2\n";
            default -> "";
        };
        List<HostNic> nics = new HostNicReader(sys, new OvsState(exec, socket)).read();
        Map<String, HostNic> byName = nics.stream().collect(Collectors.toMap(HostNic::name, Function.identity()));
        assertNull(byName.get("lo"));
        assertEquals(new HostNic("eth0", "nic", "52:54:00:00:00:01", 10000, "up", null, null), byName.get("eth0"));
        assertEquals(new HostNic("eth1", "nic", "52:54:00:00:00:02", null, "down", "bond0", "ovslab"), byName.get("eth1"));
        assertEquals(new HostNic("bond0", "bond", null, null, "up", null, "ovslab"), byName.get("bond0"));
        assertEquals("bridge", byName.get("ovslab").kind());
    }
}
