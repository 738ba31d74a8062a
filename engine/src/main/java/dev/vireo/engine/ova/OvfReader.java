package dev.vireo.engine.ova;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.vireo.engine.ova.OvfNames.OVF1;
import static dev.vireo.engine.ova.OvfNames.OVF2;

/**
 * Reads an OVF 1.x or 2.x descriptor that came from anyone: DOCTYPEs (and so external entities and entity
 * expansion) are refused by the parser, every field Vireo needs must be there and within bounds, and a
 * file reference must be a plain name inside the archive. Anything wrong is an {@link OvaException}
 * naming the field. Elements are matched by local name within the envelope's namespace, as OVF 1 and 2
 * name them alike.
 */
final class OvfReader {
    static final int MAX_BYTES = 1 << 20;
    static final long MAX_DISK_BYTES = 1L << 50;
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern POWER_OF_TWO = Pattern.compile("byte\\s*\\*\\s*2\\s*\\^\\s*(\\d{1,2})");

    private OvfReader() {
    }

    static OvfDescriptor read(byte[] xml) {
        if (xml.length > MAX_BYTES) {
            throw new OvaException("the OVF descriptor is " + xml.length + " bytes; at most " + MAX_BYTES + " are read");
        }
        Document doc = parse(xml);
        Element env = doc.getDocumentElement();
        String ns = env.getNamespaceURI();
        if (!"Envelope".equals(env.getLocalName()) || !(OVF1.equals(ns) || OVF2.equals(ns))) {
            throw new OvaException("the descriptor is not an OVF envelope (root element " + env.getTagName()
                    + " in namespace " + ns + ")");
        }
        Map<String, Element> files = new HashMap<>();
        for (Element file : children(first(env, ns, "References"), ns, "File")) {
            files.put(attr(file, ns, "id"), file);
        }
        List<OvfDescriptor.DiskRef> disks = new ArrayList<>();
        for (Element disk : children(first(env, ns, "DiskSection"), ns, "Disk")) {
            disks.add(disk(disk, ns, files));
        }
        List<Element> systems = children(env, ns, "VirtualSystem");
        if (systems.isEmpty()) {
            throw new OvaException(children(env, ns, "VirtualSystemCollection").isEmpty()
                    ? "the OVF has no VirtualSystem" : "the OVF holds a collection of virtual systems; import one VM at a time");
        }
        if (systems.size() > 1) {
            throw new OvaException("the OVF holds " + systems.size() + " virtual systems; import one VM at a time");
        }
        Element vs = systems.get(0);
        String name = textOf(first(vs, ns, "Name"));
        if (name == null || name.isBlank()) {
            name = attr(vs, ns, "id");
        }
        if (name == null || name.isBlank()) {
            throw new OvaException("the OVF's VirtualSystem has neither a Name nor an ovf:id");
        }
        Element hw = first(vs, ns, "VirtualHardwareSection");
        if (hw == null) {
            throw new OvaException("the OVF's VirtualSystem has no VirtualHardwareSection");
        }
        Integer vcpus = null;
        Long memoryMiB = null;
        for (Element item : children(hw, ns, "Item")) {
            String type = textOf(rasd(item, "ResourceType"));
            if (Integer.toString(OvfNames.CPU).equals(type)) {
                vcpus = (int) number(textOf(rasd(item, "VirtualQuantity")), "the vCPU count", 1, 256);
            } else if (Integer.toString(OvfNames.MEMORY).equals(type)) {
                long quantity = number(textOf(rasd(item, "VirtualQuantity")), "the memory quantity", 1, Long.MAX_VALUE >> 10);
                long unit = unitBytes(textOf(rasd(item, "AllocationUnits")), "byte * 2^20", "memory");
                memoryMiB = multiply(quantity, unit, "memory") >> 20;
            }
        }
        if (vcpus == null) {
            throw new OvaException("the OVF's VirtualHardwareSection has no processor item (ResourceType 3)");
        }
        if (memoryMiB == null) {
            throw new OvaException("the OVF's VirtualHardwareSection has no memory item (ResourceType 4)");
        }
        if (memoryMiB < 16 || memoryMiB > 1_048_576) {
            throw new OvaException("the OVF asks for " + memoryMiB + " MiB of memory; a VM has 16 to 1048576 MiB");
        }
        String description = textOf(first(first(vs, ns, "AnnotationSection"), ns, "Annotation"));
        return new OvfDescriptor(name.strip(), description, memoryMiB.intValue(), vcpus, List.copyOf(disks), boot(vs));
    }

    private static OvfDescriptor.DiskRef disk(Element disk, String ns, Map<String, Element> files) {
        String diskId = attr(disk, ns, "diskId");
        String fileRef = attr(disk, ns, "fileRef");
        if (fileRef == null) {
            throw new OvaException("disk " + TarReader.printable(String.valueOf(diskId)) + " has no ovf:fileRef "
                    + "(an empty disk to create is not supported)");
        }
        Element file = files.get(fileRef);
        if (file == null) {
            throw new OvaException("disk " + TarReader.printable(String.valueOf(diskId)) + " refers to file "
                    + TarReader.printable(fileRef) + ", which References does not list");
        }
        String href = attr(file, ns, "href");
        if (href == null) {
            throw new OvaException("file " + TarReader.printable(fileRef) + " has no ovf:href");
        }
        requireEntryName(href);
        if (attr(file, ns, "compression") != null) {
            throw new OvaException("file " + TarReader.printable(href) + " is compressed (ovf:compression); "
                    + "only uncompressed entries are read");
        }
        String sizeText = attr(file, ns, "size");
        long fileSize = sizeText == null ? -1 : number(sizeText, "the size of " + href, 1, MAX_DISK_BYTES);
        long capacity = multiply(number(attr(disk, ns, "capacity"), "the capacity of disk " + diskId, 1, MAX_DISK_BYTES),
                unitBytes(attr(disk, ns, "capacityAllocationUnits"), "byte", "capacity"), "disk capacity");
        if (capacity > MAX_DISK_BYTES) {
            throw new OvaException("disk " + TarReader.printable(String.valueOf(diskId)) + " is " + capacity
                    + " bytes; a disk is at most 1 PiB");
        }
        String format = attr(disk, ns, "format");
        String kind = format == null ? "" : format.toLowerCase();
        if (kind.contains("vmdk")) {
            return new OvfDescriptor.DiskRef(href, fileSize, capacity, "vmdk");
        }
        if (kind.contains("qcow")) {
            return new OvfDescriptor.DiskRef(href, fileSize, capacity, "qcow2");
        }
        throw new OvaException("disk " + TarReader.printable(String.valueOf(diskId)) + " has format "
                + TarReader.printable(String.valueOf(format)) + "; vmdk and qcow2 disks are imported");
    }

    /** An archive entry name: a plain file name, never a path that could lead out of the archive. */
    static void requireEntryName(String name) {
        if (name.contains("/") || name.contains("\\") || name.contains("..") || name.startsWith(".")) {
            throw new OvaException("the archive entry " + TarReader.printable(name)
                    + " is a path, not a plain file name: it would escape the archive");
        }
        if (!FILE_NAME.matcher(name).matches()) {
            throw new OvaException("the archive entry " + TarReader.printable(name)
                    + " must be 1 to 100 letters, digits, '.', '_' or '-'");
        }
    }

    private static OvfDescriptor.Boot boot(Element vs) {
        Element section = null;
        for (Node n = vs.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && OvfNames.VIREO.equals(e.getNamespaceURI()) && "BootSection".equals(e.getLocalName())) {
                section = e;
            }
        }
        if (section == null) {
            return null;
        }
        return new OvfDescriptor.Boot(vireoText(section, "Kernel"), vireoText(section, "Initrd"), vireoText(section, "Cmdline"));
    }

    private static String vireoText(Element section, String name) {
        String value = textOf(first(section, OvfNames.VIREO, name));
        if (value != null && (value.length() > 1024 || value.chars().anyMatch(Character::isISOControl))) {
            throw new OvaException("the OVF's Vireo boot " + name.toLowerCase() + " is longer than 1024 characters or holds control characters");
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Bytes per unit for DMTF programmatic units ("byte * 2^20") and the common names tools write. */
    private static long unitBytes(String units, String fallback, String what) {
        String u = (units == null || units.isBlank() ? fallback : units).trim();
        Matcher m = POWER_OF_TWO.matcher(u);
        if (m.matches() && Integer.parseInt(m.group(1)) <= 50) {
            return 1L << Integer.parseInt(m.group(1));
        }
        return switch (u.toLowerCase()) {
            case "byte", "bytes" -> 1L;
            case "kilobytes", "kb", "kib" -> 1L << 10;
            case "megabytes", "mb", "mib" -> 1L << 20;
            case "gigabytes", "gb", "gib" -> 1L << 30;
            case "terabytes", "tb", "tib" -> 1L << 40;
            default -> throw new OvaException("the " + what + "'s allocation units " + TarReader.printable(u)
                    + " are not understood (expected e.g. 'byte * 2^20')");
        };
    }

    private static long number(String text, String what, long min, long max) {
        if (text == null || text.isBlank()) {
            throw new OvaException("the OVF lacks " + what);
        }
        long v;
        try {
            v = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new OvaException(what + " is not a whole number: " + TarReader.printable(text.strip()));
        }
        if (v < min || v > max) {
            throw new OvaException(what + " is " + v + "; it must lie between " + min + " and " + max);
        }
        return v;
    }

    private static long multiply(long a, long b, String what) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new OvaException("the " + what + " is impossibly large");
        }
    }

    private static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            throw new OvaException("the OVF descriptor is not valid XML: " + e.getMessage());
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException("cannot parse XML: " + e.getMessage(), e);
        }
    }

    private static Element rasd(Element item, String localName) {
        for (Node n = item.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static Element first(Element parent, String ns, String localName) {
        List<Element> all = children(parent, ns, localName);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<Element> children(Element parent, String ns, String localName) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                out.add(e);
            }
        }
        return out;
    }

    private static String attr(Element e, String ns, String localName) {
        String v = e.getAttributeNS(ns, localName);
        return v == null || v.isEmpty() ? null : v;
    }

    private static String textOf(Element e) {
        return e == null ? null : e.getTextContent();
    }
}
