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

/**
 * libvirt {@code <domainsnapshot>} XML through the JDK DOM: the snapshot's name is the engine's snapshot id,
 * the user's description only ever a text node. Internal snapshots only: memory and the disk {@code vda}
 * inside its qcow2 file.
 */
public final class SnapshotXml {
    /** Vireo's domains have one disk, the guest's vda ({@code DomainXml}) */
    static final String DISK = "vda";

    private SnapshotXml() {
    }

    /** The XML that asks libvirt for an internal snapshot of a running domain, memory included. */
    public static String create(SnapshotSpec spec) {
        Document doc = SafeXml.newDocument();
        Element root = doc.createElement("domainsnapshot");
        doc.appendChild(root);
        child(root, "name", spec.name());
        if (spec.description() != null && !spec.description().isEmpty()) {
            child(root, "description", spec.description());
        }
        child(root, "memory", null).setAttribute("snapshot", "internal");
        Element disk = child(child(root, "disks", null), "disk", null);
        disk.setAttribute("name", DISK);
        disk.setAttribute("snapshot", "internal");
        return SafeXml.print(doc);
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
     * Metadata for a disk-only snapshot made with qemu-img, so that libvirt can delete it from the disk of
     * the running domain (QEMU holds the file; qemu-img must not write to it then). libvirt wants a creation
     * time and a domain definition in it; neither is used to delete.
     */
    public static String diskOnlyForRedefine(String snapshotName, String domainXml, Instant now) {
        Document doc = SafeXml.newDocument();
        Element root = doc.createElement("domainsnapshot");
        doc.appendChild(root);
        child(root, "name", snapshotName);
        child(root, "state", "shutoff");
        child(root, "creationTime", Long.toString(now.getEpochSecond()));
        child(root, "memory", null).setAttribute("snapshot", "no");
        Element disk = child(child(root, "disks", null), "disk", null);
        disk.setAttribute("name", DISK);
        disk.setAttribute("snapshot", "internal");
        Element domain = SafeXml.parse(domainXml).getDocumentElement();
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
