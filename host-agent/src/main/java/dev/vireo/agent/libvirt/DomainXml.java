package dev.vireo.agent.libvirt;

import dev.vireo.agent.libvirt.DomainSpecValidator.ResolvedBoot;
import dev.vireo.protocol.CloudInitSpec;
import dev.vireo.protocol.DiskSpec;
import dev.vireo.protocol.DomainSpec;
import dev.vireo.protocol.NicSpec;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Renders a validated {@link DomainSpec} to libvirt domain XML through the JDK DOM. User text (name,
 * description) only ever becomes a text node; the libvirt name is derived from the uuid.
 */
public final class DomainXml {
    private static final DateTimeFormatter VALID_TO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String PASSWORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** the virtio-serial port name QEMU's guest agent listens on */
    public static final String GUEST_AGENT_CHANNEL = "org.qemu.guest_agent.0";

    private final HostSettings settings;
    private final DomainSpecValidator validator;

    public DomainXml(HostSettings settings) {
        this.settings = settings;
        this.validator = new DomainSpecValidator(new ImagePathPolicy(settings.imageDirs()));
    }

    public HostSettings settings() {
        return settings;
    }

    /** Validates the spec (see {@link DomainSpecValidator}) and renders it. */
    public String render(DomainSpec spec) throws InvalidSpecException {
        ResolvedBoot boot = validator.validate(spec);
        List<DomainSpecValidator.ResolvedDisk> disks = validator.disks(spec.disks());
        Document doc = SafeXml.newDocument();
        Element domain = doc.createElement("domain");
        doc.appendChild(domain);
        domain.setAttribute("type", settings.domainType());
        child(domain, "name", spec.domainName());
        child(domain, "uuid", spec.uuid());
        child(domain, "title", spec.name());
        if (spec.description() != null && !spec.description().isEmpty()) {
            child(domain, "description", spec.description());
        }
        child(domain, "memory", Integer.toString(spec.memoryMiB())).setAttribute("unit", "MiB");
        child(domain, "vcpu", Integer.toString(spec.vcpus()));
        os(domain, boot);
        cpu(domain, spec.cpuModel());
        // ACPI lets the guest see the power button: a graceful shutdown needs it
        child(child(domain, "features", null), "acpi", null);
        child(domain, "on_poweroff", "destroy");
        child(domain, "on_reboot", "restart");
        child(domain, "on_crash", "destroy");
        devices(domain, spec, boot, disks);
        return SafeXml.print(doc);
    }

    /** A lone {@code <disk>} element for attachDeviceFlags/detachDeviceFlags, after validating the disk. */
    public String diskDevice(DiskSpec spec) throws InvalidSpecException {
        DomainSpecValidator.ResolvedDisk disk = validator.disk(spec);
        Document doc = SafeXml.newDocument();
        Element devices = doc.createElement("devices");
        disk(devices, disk);
        Element element = (Element) devices.getFirstChild();
        devices.removeChild(element);
        doc.appendChild(element);
        return SafeXml.print(doc);
    }

    /**
     * A lone {@code <interface>} element for attachDeviceFlags/detachDeviceFlags, after validating the NIC: the
     * same element a domain's definition has for it (libvirt finds the NIC to unplug by its MAC).
     */
    public String nicDevice(NicSpec spec) throws InvalidSpecException {
        DomainSpecValidator.checkNic("nic", spec);
        Document doc = SafeXml.newDocument();
        Element devices = doc.createElement("devices");
        nic(devices, spec);
        Element element = (Element) devices.getFirstChild();
        devices.removeChild(element);
        doc.appendChild(element);
        return SafeXml.print(doc);
    }

    private static void os(Element domain, ResolvedBoot boot) {
        Element os = child(domain, "os", null);
        Element type = child(os, "type", "hvm");
        type.setAttribute("arch", "x86_64");
        type.setAttribute("machine", "pc");
        if (boot.kernel() != null) {
            child(os, "kernel", boot.kernel().toString());
            if (boot.initrd() != null) {
                child(os, "initrd", boot.initrd().toString());
            }
            if (boot.cmdline() != null) {
                child(os, "cmdline", boot.cmdline());
            }
        } else {
            child(os, "boot", null).setAttribute("dev", "hd");
        }
    }

    /**
     * The guest CPU: a mode ({@code host-model}, {@code host-passthrough}, {@code maximum}) or a named model that must
     * be there in full ({@code fallback='forbid'}: no silent downgrade to another model); none: the hypervisor's default.
     */
    private static void cpu(Element domain, String model) {
        if (model == null) {
            return;
        }
        Element cpu = child(domain, "cpu", null);
        if (CpuModels.MODES.contains(model)) {
            cpu.setAttribute("mode", model);
            return;
        }
        cpu.setAttribute("mode", "custom");
        cpu.setAttribute("match", "exact");
        cpu.setAttribute("check", "partial");
        child(cpu, "model", model).setAttribute("fallback", "forbid");
    }

    private void devices(Element domain, DomainSpec spec, ResolvedBoot boot, List<DomainSpecValidator.ResolvedDisk> disks) {
        Document doc = domain.getOwnerDocument();
        Element devices = child(domain, "devices", null);
        if (boot.disk() != null) {
            disk(devices, new DomainSpecValidator.ResolvedDisk(boot.disk(), boot.diskFormat(), "vda", false));
        }
        for (DomainSpecValidator.ResolvedDisk disk : disks) {
            disk(devices, disk);
        }
        if (spec.cloudInit() != null) {
            cdrom(devices, settings.cidataOf(spec.domainName()), CloudInitSpec.TARGET);
        }
        for (NicSpec nic : spec.nics()) {
            nic(devices, nic);
        }
        // the guest agent's port (libvirt picks the socket under its own state directory); silent without an agent
        Element channel = child(devices, "channel", null);
        channel.setAttribute("type", "unix");
        Element channelTarget = child(channel, "target", null);
        channelTarget.setAttribute("type", "virtio");
        channelTarget.setAttribute("name", GUEST_AGENT_CHANNEL);
        String serialLog = settings.serialLogOf(spec.domainName()).toString();
        Element serial = child(devices, "serial", null);
        serial.setAttribute("type", "file");
        logSource(serial, serialLog);
        child(serial, "target", null).setAttribute("port", "0");
        // the console is the first serial port (libvirt has no console source type "serial": the type is the
        // source kind, the target says which device; same file as the serial port)
        Element console = child(devices, "console", null);
        console.setAttribute("type", "file");
        logSource(console, serialLog);
        Element consoleTarget = child(console, "target", null);
        consoleTarget.setAttribute("type", "serial");
        consoleTarget.setAttribute("port", "0");
        // a spec password is permanent; otherwise the display starts locked (a random password that expired in
        // 1970) until SET_CONSOLE_PASSWORD issues a ticket
        if (spec.vncPassword() != null) {
            devices.appendChild(graphics(doc, -1, settings.vncListen(), spec.vncPassword(), null));
        } else {
            devices.appendChild(graphics(doc, -1, settings.vncListen(), randomVncPassword(), Instant.EPOCH));
        }
        // a screen for the VNC display to show
        child(child(devices, "video", null), "model", null).setAttribute("type", "vga");
    }

    /**
     * A lone VNC {@code <graphics>} element for {@code updateDeviceFlags}: the live display's port and listen
     * address (libvirt refuses to change those live) with a new password that QEMU refuses after validUntil.
     */
    public static String vncGraphics(int port, String listen, String password, Instant validUntil) {
        Document doc = SafeXml.newDocument();
        doc.appendChild(graphics(doc, port, listen, password, validUntil));
        return SafeXml.print(doc);
    }

    /** autoport: libvirt picks a free port on each start, so a migrated domain gets one on its new host too */
    private static Element graphics(Document doc, int port, String listen, String password, Instant validUntil) {
        Element graphics = doc.createElement("graphics");
        graphics.setAttribute("type", "vnc");
        graphics.setAttribute("port", Integer.toString(port));
        graphics.setAttribute("autoport", "yes");
        graphics.setAttribute("listen", listen);
        graphics.setAttribute("passwd", password);
        if (validUntil != null) {
            graphics.setAttribute("passwdValidTo", VALID_TO.format(validUntil)); // libvirt reads it as UTC
        }
        Element address = child(graphics, "listen", null);
        address.setAttribute("type", "address");
        address.setAttribute("address", listen);
        return graphics;
    }

    /** 8 letters and digits: VNC authentication uses at most 8 characters */
    public static String randomVncPassword() {
        char[] password = new char[8];
        for (int i = 0; i < password.length; i++) {
            password[i] = PASSWORD_CHARS.charAt(RANDOM.nextInt(PASSWORD_CHARS.length()));
        }
        return new String(password);
    }

    /**
     * A virtio disk; a shareable one is marked {@code <shareable/>} (libvirt then neither locks it to one
     * domain nor relabels it for one) with {@code cache='none'}, so no guest reads a stale host page cache.
     */
    private static void disk(Element devices, DomainSpecValidator.ResolvedDisk resolved) {
        if (DiskSpec.CDROM_TARGET.equals(resolved.target())) {
            cdrom(devices, resolved.path(), DiskSpec.CDROM_TARGET);
            return;
        }
        Element disk = child(devices, "disk", null);
        disk.setAttribute("type", "file");
        disk.setAttribute("device", "disk");
        Element driver = child(disk, "driver", null);
        driver.setAttribute("name", "qemu");
        driver.setAttribute("type", resolved.format().libvirtName());
        if (resolved.shareable()) {
            driver.setAttribute("cache", "none");
        }
        child(disk, "source", null).setAttribute("file", resolved.path().toString());
        Element target = child(disk, "target", null);
        target.setAttribute("dev", resolved.target());
        target.setAttribute("bus", "virtio");
        if (resolved.shareable()) {
            child(disk, "shareable", null);
        }
    }

    /** a CD-ROM drive (IDE, as the pc machine has it) holding an ISO image, read-only: hdc the user's, hdd cidata */
    private static void cdrom(Element devices, Path iso, String targetDev) {
        Element disk = child(devices, "disk", null);
        disk.setAttribute("type", "file");
        disk.setAttribute("device", "cdrom");
        Element driver = child(disk, "driver", null);
        driver.setAttribute("name", "qemu");
        driver.setAttribute("type", "raw");
        child(disk, "source", null).setAttribute("file", iso.toString());
        Element target = child(disk, "target", null);
        target.setAttribute("dev", targetDev);
        target.setAttribute("bus", "ide");
        child(disk, "readonly", null);
    }

    /** {@code <interface type='bridge'>}: a tap device on the host bridge (validated: MAC, bridge name, model, MTU) */
    private static void nic(Element devices, NicSpec nic) {
        Element iface = child(devices, "interface", null);
        iface.setAttribute("type", "bridge");
        child(iface, "mac", null).setAttribute("address", nic.mac().toLowerCase(java.util.Locale.ROOT));
        child(iface, "source", null).setAttribute("bridge", nic.bridge());
        if ("openvswitch".equals(nic.virtualport())) {
            child(iface, "virtualport", null).setAttribute("type", "openvswitch");
            if (nic.vlan() != null) {
                child(child(iface, "vlan", null), "tag", null).setAttribute("id", Integer.toString(nic.vlan()));
            }
        }
        child(iface, "model", null).setAttribute("type", nic.model());
        child(iface, "mtu", null).setAttribute("size", Integer.toString(nic.mtu()));
    }

    private static void logSource(Element chardev, String path) {
        Element source = child(chardev, "source", null);
        source.setAttribute("path", path);
        source.setAttribute("append", "on");
    }

    private static Element child(Element parent, String name, String text) {
        Element element = parent.getOwnerDocument().createElement(name);
        if (text != null) {
            element.appendChild(parent.getOwnerDocument().createTextNode(text));
        }
        parent.appendChild(element);
        return element;
    }

    /** Where the serial log of a domain lives (the same path the XML names). */
    public Path serialLogOf(String domainName) {
        return settings.serialLogOf(domainName);
    }
}
