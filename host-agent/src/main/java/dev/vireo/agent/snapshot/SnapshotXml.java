package dev.vireo.agent.snapshot;

import dev.vireo.agent.command.CommandFailure;
import dev.vireo.agent.libvirt.DomainXml;
import dev.vireo.agent.libvirt.SafeXml;
import dev.vireo.protocol.DomainSpec;
import dev.vireo.protocol.SnapshotSpec;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * libvirt {@code <domainsnapshot>} XML through the JDK DOM: the snapshot's name is the engine's snapshot id,
 * the user's description only ever a text node. Internal snapshots only: memory and every covered disk
 * (vda, vdb …) inside its qcow2 file; the disks it leaves out (the read-only CD-ROM) are named with
 * {@code snapshot='no'}, since libvirt's default for an unnamed disk would be an internal snapshot, which a
 * raw ISO cannot hold.
 */
public final class SnapshotXml {

    private SnapshotXml() {
    }

    /** The XML that asks libvirt for an internal snapshot of vda of a running domain, memory included. */
    public static String create(SnapshotSpec spec) {
        return create(spec, List.of("vda"), List.of());
    }

    /**
     * The XML that asks libvirt for an internal snapshot of a running domain, memory included, of the
     * {@code covered} disks, leaving out {@code leftOut}.
     */
    public static String create(SnapshotSpec spec, List<String> covered, List<String> leftOut) {
        Document doc = SafeXml.newDocument();
        Element root = doc.createElement("domainsnapshot");
        doc.appendChild(root);
        child(root, "name", spec.name());
        if (spec.description() != null && !spec.description().isEmpty()) {
            child(root, "description", spec.description());
        }
        child(root, "memory", null).setAttribute("snapshot", "internal");
        disks(child(root, "disks", null), covered, leftOut);
        return SafeXml.print(doc);
    }

    private static void disks(Element disks, List<String> covered, List<String> leftOut) {
        for (String target : covered) {
            Element disk = child(disks, "disk", null);
            disk.setAttribute("name", target);
            disk.setAttribute("snapshot", "internal");
        }
        for (String target : leftOut) {
            Element disk = child(disks, "disk", null);
            disk.setAttribute("name", target);
            disk.setAttribute("snapshot", "no");
        }
    }

    /**
     * The snapshot XML the agent replied with when it made a memory snapshot, checked to be that snapshot
     * of that VM, ready to redefine libvirt's metadata from. Its domain definitions get a locked VNC display
     * (a random password that expired in 1970), as every domain starts with: libvirt's snapshot XML leaves the
     * password out, and a display without one would be open to anyone reaching its port.
     */
    public static String forRedefine(String stored, String snapshotName, String vmId) throws CommandFailure {
        Document doc;
        try {
            doc = SafeXml.parse(stored);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.invalid("the snapshot's libvirt XML is malformed: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        if (!"domainsnapshot".equals(root.getTagName())) {
            throw CommandFailure.invalid("the snapshot's libvirt XML is a <" + root.getTagName() + ">, not a <domainsnapshot>");
        }
        if (!snapshotName.equals(text(root, "name"))) {
            throw CommandFailure.invalid("the snapshot's libvirt XML names snapshot " + text(root, "name") + ", not " + snapshotName);
        }
        Element domain = direct(root, "domain");
        if (domain == null) {
            throw CommandFailure.invalid("the snapshot's libvirt XML holds no domain definition");
        }
        if (!vmId.equalsIgnoreCase(text(domain, "uuid")) || !DomainSpec.domainNameFor(vmId).equals(text(domain, "name"))) {
            throw CommandFailure.invalid("the snapshot's libvirt XML is of domain " + text(domain, "name") + ", not of VM " + vmId);
        }
        for (String definition : new String[] {"domain", "inactiveDomain"}) {
            Element d = direct(root, definition);
            if (d != null) {
                lockVnc(d);
            }
        }
        return SafeXml.print(doc);
    }

    /**
     * Metadata for a disk-only snapshot made with qemu-img, so that libvirt can delete it from the disks of
     * the running domain (QEMU holds the files; qemu-img must not write to them then). libvirt wants a creation
     * time and a domain definition in it; neither is used to delete. The domain's other disks are left out.
     */
    public static String diskOnlyForRedefine(String snapshotName, List<String> covered, String domainXml, Instant now) {
        Document doc = SafeXml.newDocument();
        Element root = doc.createElement("domainsnapshot");
        doc.appendChild(root);
        child(root, "name", snapshotName);
        child(root, "state", "shutoff");
        child(root, "creationTime", Long.toString(now.getEpochSecond()));
        child(root, "memory", null).setAttribute("snapshot", "no");
        Element domain = SafeXml.parse(domainXml).getDocumentElement();
        List<String> others = new ArrayList<>();
        NodeList targets = domain.getElementsByTagName("target");
        for (int i = 0; i < targets.getLength(); i++) {
            Element target = (Element) targets.item(i);
            if (target.getParentNode() instanceof Element disk && "disk".equals(disk.getTagName())
                    && !covered.contains(target.getAttribute("dev"))) {
                others.add(target.getAttribute("dev"));
            }
        }
        disks(child(root, "disks", null), covered, others);
        lockVnc(domain);
        root.appendChild(doc.importNode(domain, true));
        return SafeXml.print(doc);
    }

    private static void lockVnc(Element domain) {
        NodeList graphics = domain.getElementsByTagName("graphics");
        for (int i = 0; i < graphics.getLength(); i++) {
            Element g = (Element) graphics.item(i);
            if ("vnc".equals(g.getAttribute("type"))) {
                g.setAttribute("passwd", DomainXml.randomVncPassword());
                g.setAttribute("passwdValidTo", "1970-01-01T00:00:00");
            }
        }
    }

    private static Element direct(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = direct(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }

    private static Element child(Element parent, String name, String text) {
        Element element = parent.getOwnerDocument().createElement(name);
        if (text != null) {
            element.appendChild(parent.getOwnerDocument().createTextNode(text));
        }
        parent.appendChild(element);
        return element;
    }
}
