package dev.vireo.protocol;

/**
 * A VM's NoCloud seed, rendered by the engine: the agent writes these three files to an ISO 9660 volume labelled
 * {@code cidata} and attaches it read-only as the second CD-ROM ({@code hdd}). Texts, never parsed by the agent.
 *
 * @param networkConfig null: cloud-init's default (DHCP on the first NIC)
 */
public record CloudInitSpec(String userData, String metaData, String networkConfig) {
    public static final String TARGET = "hdd";
}
