package dev.vireo.agent.command;

import dev.vireo.agent.libvirt.SafeXml;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
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

    /** A disk of the running domain: its guest device, and whether it is marked shareable. */
    record LiveDisk(String target, boolean shareable) {
    }

    /** The domain's disks backed by files, by the file's path as the domain XML names it (normalised). */
    static Map<Path, LiveDisk> byFile(Domain domain) throws LibvirtException {
        NodeList disks = SafeXml.parse(domain.getXMLDesc(0)).getElementsByTagName("disk");
        Map<Path, LiveDisk> files = new HashMap<>();
        for (int i = 0; i < disks.getLength(); i++) {
            Element disk = (Element) disks.item(i);
            Element source = child(disk, "source");
            Element target = child(disk, "target");
            if (source != null && target != null && !source.getAttribute("file").isEmpty()) {
                files.put(Path.of(source.getAttribute("file")).normalize(),
                        new LiveDisk(target.getAttribute("dev"), child(disk, "shareable") != null));
            }
        }
        return files;
    }

    /** A direct child element (not the {@code <source>} of a nested {@code <backingStore>}). */
    private static Element child(Element parent, String name) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getTagName())) {
                return e;
            }
        }
        return null;
    }

    /** Live, and the persistent definition too when there is one (a transient domain has none to change). */
    static int flags(Domain domain) throws LibvirtException {
        return domain.isPersistent() == 1 ? Domain.DeviceModifyFlags.LIVE | Domain.DeviceModifyFlags.CONFIG
                : Domain.DeviceModifyFlags.LIVE;
    }
}
