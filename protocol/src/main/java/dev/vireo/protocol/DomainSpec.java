package dev.vireo.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything a host agent needs to define a domain. Rendered to libvirt XML by the agent through an
 * XML library; user text (name, description) is only ever an XML text node or attribute value.
 *
 * @param uuid        the VM id, also the libvirt domain UUID (so a domain maps back to its VM)
 * @param name        the engine's VM name (shown in the domain's title; the libvirt name is derived from the uuid)
 * @param description free text
 * @param vncPassword optional VNC password; null: the display starts locked (console tickets open it)
 * @param restoreFrom a saved state file (SAVE_DOMAIN) to resume from instead of booting; null: boot
 * @param nics        the VM's network interfaces in order (the first is the guest's eth0); never null (a spec
 *                    from an engine that sends none has none)
 * @param disks       the VM's disks after its boot disk ({@code vdb} …), in target order; never null
 * @param cloudInit   the VM's NoCloud seed, or null (no cidata volume)
 * @param cpuModel    the guest CPU: {@code host-model}, {@code host-passthrough}, {@code maximum} or a named libvirt
 *                    model ({@code Haswell-noTSX}, {@code qemu64} …); null: the hypervisor's default
 */
public record DomainSpec(String uuid, String name, String description, int memoryMiB, int vcpus,
                         BootSpec boot, String vncPassword, String restoreFrom, List<NicSpec> nics,
                         List<DiskSpec> disks, CloudInitSpec cloudInit, String cpuModel) {

    /** what a CPU model name may be (a libvirt model or mode): letters, digits, '-', '_', '.'; at most 64 */
    public static final String CPU_MODEL_NAME = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";

    public DomainSpec {
        nics = nics == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(nics));
        disks = disks == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(disks));
    }

    public DomainSpec(String uuid, String name, String description, int memoryMiB, int vcpus, BootSpec boot,
                      String vncPassword, String restoreFrom, List<NicSpec> nics, List<DiskSpec> disks,
                      CloudInitSpec cloudInit) {
        this(uuid, name, description, memoryMiB, vcpus, boot, vncPassword, restoreFrom, nics, disks, cloudInit, null);
    }

    public DomainSpec(String uuid, String name, String description, int memoryMiB, int vcpus, BootSpec boot,
                      String vncPassword, String restoreFrom, List<NicSpec> nics, List<DiskSpec> disks) {
        this(uuid, name, description, memoryMiB, vcpus, boot, vncPassword, restoreFrom, nics, disks, null);
    }

    public DomainSpec(String uuid, String name, String description, int memoryMiB, int vcpus, BootSpec boot,
                      String vncPassword, String restoreFrom, List<NicSpec> nics) {
        this(uuid, name, description, memoryMiB, vcpus, boot, vncPassword, restoreFrom, nics, null);
    }

    public DomainSpec(String uuid, String name, String description, int memoryMiB, int vcpus, BootSpec boot,
                      String vncPassword, String restoreFrom) {
        this(uuid, name, description, memoryMiB, vcpus, boot, vncPassword, restoreFrom, null);
    }

    public DomainSpec(String uuid, String name, String description, int memoryMiB, int vcpus, BootSpec boot,
                      String vncPassword) {
        this(uuid, name, description, memoryMiB, vcpus, boot, vncPassword, null);
    }

    /** libvirt domain name: stable, ASCII, derived from the id and never from user text. */
    public String domainName() {
        return domainNameFor(uuid);
    }

    public static String domainNameFor(String uuid) {
        return "vireo-" + uuid;
    }
}
