package dev.vireo.protocol;

/**
 * Everything a host agent needs to define a domain. Rendered to libvirt XML by the agent through an
 * XML library; user text (name, description) is only ever an XML text node or attribute value.
 *
 * @param uuid        the VM id, also the libvirt domain UUID (so a domain maps back to its VM)
 * @param name        the engine's VM name (shown in the domain's title; the libvirt name is derived from the uuid)
 * @param description free text
 * @param vncPassword optional VNC password; null: the display starts locked (console tickets open it)
 * @param restoreFrom a saved state file (SAVE_DOMAIN) to resume from instead of booting; null: boot
 */
public record DomainSpec(String uuid, String name, String description, int memoryMiB, int vcpus,
                         BootSpec boot, String vncPassword, String restoreFrom) {

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
