package dev.vireo.agent.libvirt;

import dev.vireo.protocol.DomainSpec;
import dev.vireo.protocol.DomainState;
import dev.vireo.protocol.DomainStatus;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The domains libvirt has on this host (running and defined), as protocol {@link DomainStatus}es. */
public final class DomainInventory {
    private final LibvirtConnection libvirt;

    public DomainInventory(LibvirtConnection libvirt) {
        this.libvirt = libvirt;
    }

    /** Every domain, running or only defined. */
    public List<DomainStatus> list() throws LibvirtException {
        List<DomainStatus> result = new ArrayList<>();
        for (Domain domain : libvirt.get().listAllDomains(0)) {
            try {
                result.add(statusOf(domain));
            } catch (LibvirtException e) {
                if (!LibvirtErrors.isNoDomain(e)) { // gone while we listed: not part of the picture any more
                    throw e;
                }
            }
        }
        return result;
    }

    public int runningCount() throws LibvirtException {
        return libvirt.get().numOfDomains();
    }

    /** The domain with that UUID, if libvirt knows it. */
    public Optional<Domain> find(String uuid) throws LibvirtException {
        try {
            return Optional.of(libvirt.get().domainLookupByUUIDString(uuid));
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNoDomain(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The status of the domain with that UUID; {@link DomainState#UNDEFINED} when there is none. */
    public DomainStatus status(String uuid) throws LibvirtException {
        Optional<Domain> domain = find(uuid);
        return domain.isPresent() ? statusOf(domain.get()) : undefined(uuid);
    }

    public static DomainStatus undefined(String uuid) {
        return new DomainStatus(uuid, DomainSpec.domainNameFor(uuid), DomainState.UNDEFINED, -1);
    }

    public static DomainStatus statusOf(Domain domain) throws LibvirtException {
        DomainState state = DomainStates.of(domain.getInfo().state);
        return withState(domain, state);
    }

    /** A status with a known state (from an event); the VNC port is read only for active domains. */
    public static DomainStatus withState(Domain domain, DomainState state) throws LibvirtException {
        int vncPort = DomainStates.isActive(state) ? vncPort(domain.getXMLDesc(0)) : -1;
        return new DomainStatus(domain.getUUIDString(), domain.getName(), state, vncPort);
    }

    /** The live VNC port from a domain's XML, or -1 (none, not yet allocated, or autoport pending). */
    static int vncPort(String liveXml) {
        NodeList graphics = SafeXml.parse(liveXml).getElementsByTagName("graphics");
        for (int i = 0; i < graphics.getLength(); i++) {
            Element element = (Element) graphics.item(i);
            if ("vnc".equals(element.getAttribute("type"))) {
                try {
                    int port = Integer.parseInt(element.getAttribute("port"));
                    return port > 0 ? port : -1;
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
