package dev.vireo.agent.command;

import dev.vireo.agent.libvirt.SafeXml;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.util.HashSet;
import java.util.Set;

/** What the running domain has now, for the disk hot-plug commands. */
final class LiveDisks {
    private LiveDisks() {
    }

    /** The guest devices (vda, vdb …) of the domain's live disks. */
    static Set<String> targets(Domain domain) throws LibvirtException {
        NodeList disks = SafeXml.parse(domain.getXMLDesc(0)).getElementsByTagName("disk");
        Set<String> targets = new HashSet<>();
        for (int i = 0; i < disks.getLength(); i++) {
            NodeList target = ((Element) disks.item(i)).getElementsByTagName("target");
            if (target.getLength() > 0) {
                targets.add(((Element) target.item(0)).getAttribute("dev"));
            }
        }
        return targets;
    }

    /** Live, and the persistent definition too when there is one (a transient domain has none to change). */
    static int flags(Domain domain) throws LibvirtException {
        return domain.isPersistent() == 1 ? Domain.DeviceModifyFlags.LIVE | Domain.DeviceModifyFlags.CONFIG
                : Domain.DeviceModifyFlags.LIVE;
    }
}
