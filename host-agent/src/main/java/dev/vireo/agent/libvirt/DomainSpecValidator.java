package dev.vireo.agent.libvirt;

import dev.vireo.protocol.BootSpec;
import dev.vireo.protocol.DiskSpec;
import dev.vireo.protocol.DomainSpec;

import dev.vireo.protocol.NicSpec;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@link DomainSpec} at the edge, before anything reaches libvirt, and resolves its boot paths.
 * Every rejection is an {@link InvalidSpecException} whose message names the field and the rule.
 */
final class DomainSpecValidator {
    static final int MIN_MEMORY_MIB = 16;
    static final int MAX_MEMORY_MIB = 1024 * 1024;
    static final int MAX_VCPUS = 256;
    static final int MAX_TITLE = 256;
    static final int MAX_DESCRIPTION = 32 * 1024;
    static final int MAX_CMDLINE = 1024;
    /** VNC authentication uses at most 8 characters; a longer password would only look stronger. */
    static final int MAX_VNC_PASSWORD = 8;

    static final int MAX_NICS = 16;
    static final int MIN_MTU = 68;
    static final int MAX_MTU = 9000;
    /** six hex octets with ':', unicast (the first octet's lowest bit clear: a multicast MAC is no NIC's) */
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F][02468aceACE](:[0-9a-fA-F]{2}){5}");
    /** an interface name: IFNAMSIZ is 16 with the NUL; no '/', no spaces, not "." or ".." */
    private static final Pattern BRIDGE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private static final Set<String> NIC_MODELS = Set.of("virtio", "e1000", "rtl8139");

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ImagePathPolicy paths;

    DomainSpecValidator(ImagePathPolicy paths) {
        this.paths = paths;
    }

    /** The boot part of a spec after validation: real paths and the disk format. */
    record ResolvedBoot(Path kernel, Path initrd, String cmdline, Path disk, DiskFormat diskFormat) {
    }

    /** A disk beside the boot disk after validation: its real path, format, guest device, and whether it is shared. */
    record ResolvedDisk(Path path, DiskFormat format, String target, boolean shareable) {
    }

    static final int MAX_DISKS = 25;
    /** vda is the boot disk's; the others are vdb … vdz */
    private static final Pattern DATA_TARGET = Pattern.compile("vd[b-z]");

    List<ResolvedDisk> disks(List<DiskSpec> disks) throws InvalidSpecException {
        if (disks.size() > MAX_DISKS) {
            throw new InvalidSpecException("a domain has at most " + MAX_DISKS + " disks beside its boot disk");
        }
        Set<String> targets = new HashSet<>();
        List<ResolvedDisk> resolved = new java.util.ArrayList<>();
        for (DiskSpec d : disks) {
            ResolvedDisk r = disk(d);
            if (!targets.add(r.target())) {
                throw new InvalidSpecException("two disks are " + r.target());
            }
            resolved.add(r);
        }
        return resolved;
    }

    ResolvedDisk disk(DiskSpec disk) throws InvalidSpecException {
        if (disk == null) {
            throw new InvalidSpecException("the disk is missing");
        }
        if (disk.target() == null || !(disk.cdrom() || DATA_TARGET.matcher(disk.target()).matches())) {
            throw new InvalidSpecException("disk target '" + printable(String.valueOf(disk.target()))
                    + "' must be vdb … vdz (vda is the boot disk), or hdc for the CD-ROM");
        }
        Path path = paths.check("disk " + disk.target(), disk.path());
        // an ISO is read as raw whatever it holds
        DiskFormat format = disk.cdrom() ? DiskFormat.RAW : DiskFormat.of(path);
        if (disk.shareable() && (disk.cdrom() || format != DiskFormat.RAW)) {
            // QEMU cannot share a qcow2 image between running guests safely (each caches its metadata)
            throw new InvalidSpecException("shareable disk " + disk.target() + " must be a raw volume, not "
                    + (disk.cdrom() ? "the CD-ROM" : format.libvirtName()));
        }
        return new ResolvedDisk(path, format, disk.target(), disk.shareable());
    }

    ResolvedBoot validate(DomainSpec spec) throws InvalidSpecException {
        if (spec == null) {
            throw new InvalidSpecException("domain spec is missing");
        }
        requireUuid(spec.uuid());
        checkName(spec.name());
        checkDescription(spec.description());
        if (spec.memoryMiB() < MIN_MEMORY_MIB || spec.memoryMiB() > MAX_MEMORY_MIB) {
            throw new InvalidSpecException("memory " + spec.memoryMiB() + " MiB is outside " + MIN_MEMORY_MIB
                    + ".." + MAX_MEMORY_MIB + " MiB");
        }
        if (spec.vcpus() < 1 || spec.vcpus() > MAX_VCPUS) {
            throw new InvalidSpecException("vcpus " + spec.vcpus() + " is outside 1.." + MAX_VCPUS);
        }
        checkVncPassword(spec.vncPassword());
        checkNics(spec.nics());
        if (spec.cpuModel() != null && !CpuModels.NAME.matcher(spec.cpuModel()).matches()) {
            throw new InvalidSpecException("CPU model '" + printable(spec.cpuModel()) + "' is not a model name");
        }
        return resolveBoot(spec.boot());
    }

    /** A canonical textual UUID (8-4-4-4-12 hex digits). */
    static void requireUuid(String uuid) throws InvalidSpecException {
        if (uuid == null || uuid.isBlank()) {
            throw new InvalidSpecException("uuid is missing");
        }
        if (!UUID.matcher(uuid).matches()) {
            throw new InvalidSpecException("uuid '" + printable(uuid) + "' is not a UUID");
        }
    }

    private static void checkName(String name) throws InvalidSpecException {
        if (name == null || name.isBlank()) {
            throw new InvalidSpecException("name is missing");
        }
        if (name.length() > MAX_TITLE) {
            throw new InvalidSpecException("name is longer than " + MAX_TITLE + " characters");
        }
        // libvirt refuses newlines in <title>
        checkText("name", name, false);
    }

    private static void checkDescription(String description) throws InvalidSpecException {
        if (description == null) {
            return;
        }
        if (description.length() > MAX_DESCRIPTION) {
            throw new InvalidSpecException("description is longer than " + MAX_DESCRIPTION + " characters");
        }
        checkText("description", description, true);
    }

    /** Tab (and newline where allowed) are the only control characters; the text must be valid XML 1.0. */
    private static void checkText(String field, String text, boolean newlineAllowed) throws InvalidSpecException {
        int[] codePoints = text.codePoints().toArray();
        for (int cp : codePoints) {
            if (cp == '\t' || (newlineAllowed && cp == '\n')) {
                continue;
            }
            if (Character.isISOControl(cp)) {
                throw new InvalidSpecException(field + " contains the control character U+"
                        + String.format("%04X", cp));
            }
            if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) { // lone surrogates, non-characters
                throw new InvalidSpecException(field + " contains the invalid character U+" + String.format("%04X", cp));
            }
        }
    }

    static void checkNics(List<NicSpec> nics) throws InvalidSpecException {
        if (nics.size() > MAX_NICS) {
            throw new InvalidSpecException("a domain has at most " + MAX_NICS + " NICs, not " + nics.size());
        }
        Set<String> macs = new HashSet<>();
        for (int i = 0; i < nics.size(); i++) {
            NicSpec nic = nics.get(i);
            String field = "nic " + i;
            checkNic(field, nic);
            if (!macs.add(nic.mac().toLowerCase(Locale.ROOT))) {
                throw new InvalidSpecException(field + " MAC " + nic.mac() + " is invalid: it is on another NIC already");
            }
        }
    }

    /** One NIC's fields (a hot-plugged NIC's, or one of a domain's); {@code field} names it in the message. */
    static void checkNic(String field, NicSpec nic) throws InvalidSpecException {
        if (nic == null) {
            throw new InvalidSpecException(field + " is missing");
        }
        if (nic.mac() == null || !MAC.matcher(nic.mac()).matches()) {
            throw new InvalidSpecException(field + " MAC '" + printable(String.valueOf(nic.mac()))
                    + "' is invalid: six hex octets with ':', unicast");
        }
        if (nic.bridge() == null || !BRIDGE.matcher(nic.bridge()).matches()
                || nic.bridge().equals(".") || nic.bridge().equals("..")) {
            throw new InvalidSpecException(field + " bridge '" + printable(String.valueOf(nic.bridge()))
                    + "' is invalid: 1 to 15 letters, digits, '_', '.' and '-'");
        }
        if (nic.model() == null || !NIC_MODELS.contains(nic.model())) {
            throw new InvalidSpecException(field + " model '" + printable(String.valueOf(nic.model()))
                    + "' is invalid: one of " + NIC_MODELS.stream().sorted().toList());
        }
        if (nic.virtualport() != null && !"openvswitch".equals(nic.virtualport())) {
            throw new InvalidSpecException(field + " virtualport is openvswitch or none");
        }
        if (nic.vlan() != null && (nic.vlan() < 1 || nic.vlan() > 4094)) {
            throw new InvalidSpecException(field + " VLAN " + nic.vlan() + " is invalid: outside 1..4094");
        }
        if (nic.mtu() < MIN_MTU || nic.mtu() > MAX_MTU) {
            throw new InvalidSpecException(field + " MTU " + nic.mtu() + " is invalid: outside " + MIN_MTU + ".." + MAX_MTU);
        }
    }

    private static void checkVncPassword(String password) throws InvalidSpecException {
        if (password == null) {
            return;
        }
        if (password.isEmpty() || password.length() > MAX_VNC_PASSWORD) {
            throw new InvalidSpecException("VNC password must have 1.." + MAX_VNC_PASSWORD + " characters");
        }
        for (char c : password.toCharArray()) {
            if (c < 0x21 || c > 0x7e) {
                throw new InvalidSpecException("VNC password may only contain printable ASCII characters");
            }
        }
    }

    private ResolvedBoot resolveBoot(BootSpec boot) throws InvalidSpecException {
        if (boot == null || (!boot.hasKernel() && !boot.hasDisk())) {
            throw new InvalidSpecException("boot needs a kernel or a disk image");
        }
        boolean hasInitrd = boot.initrd() != null && !boot.initrd().isBlank();
        boolean hasCmdline = boot.cmdline() != null && !boot.cmdline().isEmpty();
        if (!boot.hasKernel() && (hasInitrd || hasCmdline)) {
            throw new InvalidSpecException("boot initrd and cmdline need a kernel");
        }
        if (hasCmdline) {
            checkCmdline(boot.cmdline());
        }
        Path kernel = boot.hasKernel() ? paths.check("boot kernel", boot.kernel()) : null;
        Path initrd = hasInitrd ? paths.check("boot initrd", boot.initrd()) : null;
        Path disk = boot.hasDisk() ? paths.check("boot disk", boot.diskImage()) : null;
        return new ResolvedBoot(kernel, initrd, hasCmdline ? boot.cmdline() : null, disk,
                disk == null ? null : DiskFormat.of(disk));
    }

    private static void checkCmdline(String cmdline) throws InvalidSpecException {
        if (cmdline.length() > MAX_CMDLINE) {
            throw new InvalidSpecException("boot cmdline is longer than " + MAX_CMDLINE + " characters");
        }
        if (cmdline.indexOf('\n') >= 0 || cmdline.indexOf('\r') >= 0) {
            throw new InvalidSpecException("boot cmdline must not contain newlines");
        }
        for (char c : cmdline.toCharArray()) {
            if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                throw new InvalidSpecException("boot cmdline contains the control character U+"
                        + String.format("%04X", (int) c));
            }
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return cut.codePoints().map(cp -> Character.isISOControl(cp) ? '?' : cp)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
