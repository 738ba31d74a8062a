package dev.vireo.engine.hosts;

import dev.vireo.protocol.HostFacts;
import jakarta.enterprise.context.ApplicationScoped;

/** Copies what an agent reports onto its host row, bounded so a buggy agent cannot bloat the table. */
@ApplicationScoped
public class HostFactsUpdater {

    public void apply(Host host, HostFacts f) {
        host.cpuModel = clip(f.cpuModel(), 256);
        host.cpuCount = f.cpuCount();
        host.memoryMiB = f.memoryMiB();
        host.libvirtVersion = clip(f.libvirtVersion(), 64);
        host.qemuVersion = clip(f.qemuVersion(), 64);
        host.libvirtUri = clip(f.libvirtUri(), 512);
        host.domainType = clip(f.domainType(), 16);
        host.agentVersion = clip(f.agentVersion(), 64);
        host.migrationUri = clip(f.migrationUri(), 512);
        host.imageDirs = f.imageDirs() == null ? null : clip(String.join("\n", f.imageDirs()), 4096);
        if (f.nics() != null) {
            applyNics(host, f.nics());
        }
        // at most 512 names, each a model name: a report is data from the host
        host.cpuModels = f.cpuModels() == null ? null : String.join("\n", f.cpuModels().stream()
                .filter(m -> m != null && CPU_MODEL.matcher(m).matches()).distinct().limit(512).toList());
    }

    static final java.util.regex.Pattern CPU_MODEL = java.util.regex.Pattern.compile(dev.vireo.protocol.DomainSpec.CPU_MODEL_NAME);

    /** At most 256 interfaces, each field clipped: a report is data from the host, not trusted to be small. */
    public void applyNics(Host host, java.util.List<dev.vireo.protocol.HostNic> nics) {
        host.nics = dev.vireo.protocol.Json.writeValue(nics.stream().limit(256).map(n -> new dev.vireo.protocol.HostNic(
                clip(n.name(), 64), clip(n.kind(), 16), clip(n.mac(), 32), n.speedMbps(), clip(n.linkState(), 32),
                clip(n.bond(), 64), clip(n.bridge(), 64))).toList());
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
