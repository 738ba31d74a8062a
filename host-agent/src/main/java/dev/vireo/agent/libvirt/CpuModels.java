package dev.vireo.agent.libvirt;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import org.libvirt.Connect;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The CPU models a VM may ask for on this host, from libvirt's domain capabilities for the agent's domain type:
 * the modes {@code host-model}, {@code host-passthrough} and {@code maximum} where libvirt supports them, and every
 * named model it marks usable (on TCG, those whose features QEMU can emulate). libvirt-java 0.5.4 lacks
 * {@code virConnectGetDomainCapabilities}, so that one call goes to libvirt's C function through JNA.
 */
public final class CpuModels {
    /** what a spec may name: a mode above, or a libvirt model name (letters, digits, '-', '_', '.') */
    public static final Pattern NAME = Pattern.compile(dev.vireo.protocol.DomainSpec.CPU_MODEL_NAME);
    public static final List<String> MODES = List.of("host-model", "host-passthrough", "maximum");

    private CpuModels() {
    }

    /** The usable models, or null when libvirt cannot tell (the test driver, an old libvirt). */
    public static List<String> of(Connect connect, String domainType) {
        String xml = domainCapabilities(connect, domainType);
        return xml == null ? null : parse(xml);
    }

    static List<String> parse(String xml) {
        List<String> models = new ArrayList<>();
        try {
            Document doc = SafeXml.parse(xml);
            NodeList modes = doc.getElementsByTagName("mode");
            for (int i = 0; i < modes.getLength(); i++) {
                Element mode = (Element) modes.item(i);
                if (!"yes".equals(mode.getAttribute("supported")) || !(mode.getParentNode() instanceof Element parent)
                        || !"cpu".equals(parent.getTagName())) {
                    continue;
                }
                String name = mode.getAttribute("name");
                if (MODES.contains(name)) {
                    models.add(name);
                } else if ("custom".equals(name)) {
                    NodeList named = mode.getElementsByTagName("model");
                    for (int j = 0; j < named.getLength(); j++) {
                        Element model = (Element) named.item(j);
                        String text = model.getTextContent().strip();
                        if ("yes".equals(model.getAttribute("usable")) && NAME.matcher(text).matches()) {
                            models.add(text);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            return null;
        }
        return models;
    }

    private static String domainCapabilities(Connect connect, String domainType) {
        try {
            Pointer xml = (Pointer) LibvirtNative.function("virConnectGetDomainCapabilities").invoke(Pointer.class,
                    new Object[]{LibvirtNative.pointer(connect), null, "x86_64", null, domainType, 0});
            if (xml == null) {
                return null;
            }
            String text = xml.getString(0, "UTF-8");
            NativeLibrary.getInstance("c").getFunction("free").invokeVoid(new Object[]{xml});
            return text;
        } catch (ReflectiveOperationException | RuntimeException | UnsatisfiedLinkError e) {
            return null;
        }
    }
}
