package dev.vireo.agent.libvirt;

import dev.vireo.protocol.HostFacts;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the engine should know about this host: CPU, memory, versions, and the agent's own settings. */
public final class HostFactsCollector {
    private final LibvirtConnection libvirt;
    private final HostSettings settings;
    private final Optional<String> hostNameOverride;
    private final String agentVersion;
    private volatile String cpuModel; // capabilities are slow the first time (seconds), and do not change
    private volatile List<String> cpuModels;
    private volatile boolean cpuModelsRead;
    private String migrationUri;

    public HostFactsCollector(LibvirtConnection libvirt, HostSettings settings, Optional<String> hostNameOverride,
                              String agentVersion) {
        this.libvirt = libvirt;
        this.settings = settings;
        this.hostNameOverride = hostNameOverride.filter(name -> !name.isBlank());
        this.agentVersion = agentVersion;
    }

    /** The URI peers migrate VMs to this host by; null (the default) means it takes no migrations. */
    public HostFactsCollector withMigrationUri(String uri) {
        this.migrationUri = uri == null || uri.isBlank() ? null : uri;
        return this;
    }

    public HostFacts collect() throws LibvirtException {
        Connect connect = libvirt.get();
        NodeInfo node = connect.nodeInfo();
        return new HostFacts(
                hostNameOverride.isPresent() ? hostNameOverride.get() : connect.getHostName(),
                cpuModel(connect, node),
                node.cpus,
                HostMemory.isLocal(libvirt.uri()) ? HostMemory.totalMiB().orElse(node.memory / 1024)
                        : node.memory / 1024, // nodeInfo reports KiB
                version(connect.getLibVirVersion()),
                version(connect.getVersion()),
                libvirt.uri(),
                settings.domainType(),
                settings.imageDirs().stream().map(Path::toString).toList(),
                agentVersion,
                migrationUri,
                null,
                cpuModels(connect));
    }

    /** Read once: the hypervisor's models do not change while the agent runs; null when libvirt cannot tell. */
    private List<String> cpuModels(Connect connect) {
        if (!cpuModelsRead) {
            List<String> models = CpuModels.of(connect, settings.domainType());
            cpuModels = models == null ? null : List.copyOf(models);
            cpuModelsRead = true;
        }
        return cpuModels;
    }

    public long freeMemoryMiB() throws LibvirtException {
        if (HostMemory.isLocal(libvirt.uri())) {
            var available = HostMemory.availableMiB();
            if (available.isPresent()) {
                return available.getAsLong();
            }
        }
        return libvirt.get().getFreeMemory() / (1024 * 1024);
    }

    private String cpuModel(Connect connect, NodeInfo node) throws LibvirtException {
        String model = cpuModel;
        if (model == null) {
            model = cpuModelFromCapabilities(connect.getCapabilities());
            if (model == null) {
                model = node.model; // the architecture, when libvirt has no CPU model name
            }
            cpuModel = model;
        }
        return model;
    }

    /** libvirt's encoding: major * 1,000,000 + minor * 1,000 + release → "major.minor.release". */
    public static String version(long encoded) {
        return (encoded / 1_000_000) + "." + (encoded / 1_000 % 1_000) + "." + (encoded % 1_000);
    }

    /** {@code /capabilities/host/cpu/model}, or null. */
    static String cpuModelFromCapabilities(String capabilitiesXml) {
        NodeList hosts = SafeXml.parse(capabilitiesXml).getDocumentElement().getElementsByTagName("host");
        if (hosts.getLength() == 0) {
            return null;
        }
        Element cpu = firstChild((Element) hosts.item(0), "cpu");
        Element model = cpu == null ? null : firstChild(cpu, "model");
        String text = model == null ? null : model.getTextContent().strip();
        return text == null || text.isEmpty() ? null : text;
    }

    private static Element firstChild(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getTagName())) {
                return element;
            }
        }
        return null;
    }
}
