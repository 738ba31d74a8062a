package dev.vireo.engine.ova;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayOutputStream;
import java.util.List;

import static dev.vireo.engine.ova.OvfNames.OVF1;
import static dev.vireo.engine.ova.OvfNames.RASD;
import static dev.vireo.engine.ova.OvfNames.VIREO;
import static dev.vireo.engine.ova.OvfNames.VSSD;

/**
 * Renders an OVF 1.x envelope through the JDK's DOM, so a VM's name or description is only ever a text
 * node. Disk {@code i} (from 1) is archive entry {@code disk<i>.<format>}; the file names are the engine's.
 */
final class OvfWriter {
    private OvfWriter() {
    }

    static String entryName(int index, OvfDescriptor.DiskRef disk) {
        return "disk" + index + "." + disk.format();
    }

    static byte[] write(OvfDescriptor d) {
        Document doc = newDocument();
        Element env = doc.createElementNS(OVF1, "Envelope");
        doc.appendChild(env);
        env.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:ovf", OVF1);
        env.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:rasd", RASD);
        env.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:vssd", VSSD);
        env.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:vireo", VIREO);
        env.setAttributeNS(OVF1, "ovf:version", "1.0");

        Element refs = child(env, OVF1, "References");
        Element diskSection = child(env, OVF1, "DiskSection");
        text(diskSection, OVF1, "Info", "Virtual disks");
        List<OvfDescriptor.DiskRef> disks = d.disks();
        for (int i = 0; i < disks.size(); i++) {
            OvfDescriptor.DiskRef disk = disks.get(i);
            Element file = child(refs, OVF1, "File");
            file.setAttributeNS(OVF1, "ovf:id", "file" + (i + 1));
            file.setAttributeNS(OVF1, "ovf:href", entryName(i + 1, disk));
            if (disk.fileSize() >= 0) {
                file.setAttributeNS(OVF1, "ovf:size", Long.toString(disk.fileSize()));
            }
            Element de = child(diskSection, OVF1, "Disk");
            de.setAttributeNS(OVF1, "ovf:diskId", "vmdisk" + (i + 1));
            de.setAttributeNS(OVF1, "ovf:fileRef", "file" + (i + 1));
            de.setAttributeNS(OVF1, "ovf:capacity", Long.toString(disk.capacityBytes()));
            de.setAttributeNS(OVF1, "ovf:capacityAllocationUnits", "byte");
            de.setAttributeNS(OVF1, "ovf:format", "vmdk".equals(disk.format()) ? OvfNames.VMDK_STREAM : OvfNames.QCOW2);
        }

        Element vs = child(env, OVF1, "VirtualSystem");
        vs.setAttributeNS(OVF1, "ovf:id", d.name());
        text(vs, OVF1, "Info", "A virtual machine exported by Vireo");
        text(vs, OVF1, "Name", d.name());
        if (d.description() != null && !d.description().isEmpty()) {
            Element annotation = child(vs, OVF1, "AnnotationSection");
            text(annotation, OVF1, "Info", "Description");
            text(annotation, OVF1, "Annotation", d.description());
        }
        Element hw = child(vs, OVF1, "VirtualHardwareSection");
        text(hw, OVF1, "Info", "Virtual hardware requirements");
        Element system = child(hw, OVF1, "System");
        text(system, VSSD, "vssd:ElementName", "Virtual Hardware Family");
        text(system, VSSD, "vssd:InstanceID", "0");
        text(system, VSSD, "vssd:VirtualSystemType", "vireo-qemu");
        item(hw, "hertz * 10^6", d.vcpus() + " virtual CPU(s)", "1", OvfNames.CPU, Integer.toString(d.vcpus()), null);
        item(hw, "byte * 2^20", d.memoryMiB() + " MiB of memory", "2", OvfNames.MEMORY, Integer.toString(d.memoryMiB()), null);
        for (int i = 0; i < disks.size(); i++) {
            item(hw, null, "disk" + (i + 1), Integer.toString(3 + i), OvfNames.DISK, null, "ovf:/disk/vmdisk" + (i + 1));
        }
        if (d.boot() != null) {
            // not part of the standard: ovf:required="false" lets other tools skip it
            Element boot = child(vs, VIREO, "vireo:BootSection");
            boot.setAttributeNS(OVF1, "ovf:required", "false");
            text(boot, OVF1, "Info", "Direct kernel boot (Vireo)");
            optionalText(boot, "vireo:Kernel", d.boot().kernel());
            optionalText(boot, "vireo:Initrd", d.boot().initrd());
            optionalText(boot, "vireo:Cmdline", d.boot().cmdline());
        }
        return print(doc);
    }

    private static void item(Element hw, String units, String name, String instance, int type, String quantity,
                             String hostResource) {
        Element item = child(hw, OVF1, "Item");
        if (units != null) {
            text(item, RASD, "rasd:AllocationUnits", units);
        }
        text(item, RASD, "rasd:ElementName", name);
        if (hostResource != null) {
            text(item, RASD, "rasd:HostResource", hostResource);
        }
        text(item, RASD, "rasd:InstanceID", instance);
        text(item, RASD, "rasd:ResourceType", Integer.toString(type));
        if (quantity != null) {
            text(item, RASD, "rasd:VirtualQuantity", quantity);
        }
    }

    private static void optionalText(Element parent, String name, String value) {
        if (value != null) {
            text(parent, VIREO, name, value);
        }
    }

    private static Element child(Element parent, String ns, String name) {
        Element e = parent.getOwnerDocument().createElementNS(ns, name);
        parent.appendChild(e);
        return e;
    }

    private static void text(Element parent, String ns, String name, String value) {
        child(parent, ns, name).setTextContent(value);
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] print(Document doc) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = factory.newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot print the OVF: " + e.getMessage(), e);
        }
    }
}
