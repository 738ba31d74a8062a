package dev.vireo.agent.command;

import dev.vireo.agent.libvirt.SafeXml;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** What the running domain has now, for the NIC hot-plug commands. */
final class LiveNics {
    private LiveNics() {
    }

    /** The MACs (lower case) of the domain's live interfaces. */
    static Set<String> macs(Domain domain) throws LibvirtException {
        NodeList interfaces = SafeXml.parse(domain.getXMLDesc(0)).getElementsByTagName("interface");
        Set<String> macs = new HashSet<>();
        for (int i = 0; i < interfaces.getLength(); i++) {
            NodeList mac = ((Element) interfaces.item(i)).getElementsByTagName("mac");
            if (mac.getLength() > 0) {
                macs.add(((Element) mac.item(0)).getAttribute("address").toLowerCase(Locale.ROOT));
            }
        }
        return macs;
    }
}
