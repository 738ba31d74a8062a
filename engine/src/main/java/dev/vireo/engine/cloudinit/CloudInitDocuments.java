package dev.vireo.engine.cloudinit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.vireo.protocol.CloudInitSpec;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Renders a VM's {@link VmCloudInit} as the three NoCloud files. Every value goes through the YAML writer, so a
 * user's text is always a quoted or plain scalar, never YAML structure. The instance id is the VM's id: stable
 * across reboots and migrations, so cloud-init runs its once-per-instance modules only once.
 */
public final class CloudInitDocuments {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    private CloudInitDocuments() {
    }

    /** @param firstNicMac the first NIC's MAC (static addressing matches it), or null when the VM has no NIC */
    public static CloudInitSpec render(VmCloudInit c, String firstNicMac) {
        return new CloudInitSpec(userData(c), metaData(c), networkConfig(c, firstNicMac));
    }

    static String userData(VmCloudInit c) {
        if (c.userData != null) {
            return c.userData;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("name", c.userName);
        user.put("groups", List.of("sudo"));
        user.put("sudo", "ALL=(ALL) NOPASSWD:ALL");
        user.put("shell", "/bin/bash");
        if (c.passwordHash != null) {
            user.put("lock_passwd", false);
            user.put("passwd", c.passwordHash);
        } else {
            user.put("lock_passwd", true);
        }
        if (c.sshAuthorizedKeys != null && !c.sshAuthorizedKeys.isBlank()) {
            user.put("ssh_authorized_keys", c.sshAuthorizedKeys.lines().toList());
        }
        doc.put("users", List.of(user));
        doc.put("ssh_pwauth", c.passwordHash != null);
        doc.put("disable_root", true);
        return "#cloud-config\n" + write(doc);
    }

    static String metaData(VmCloudInit c) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("instance-id", "vireo-" + c.vmId);
        doc.put("local-hostname", c.hostname);
        return write(doc);
    }

    /** Network config version 2; null (cloud-init's DHCP fallback) without static addressing or a NIC to match. */
    static String networkConfig(VmCloudInit c, String firstNicMac) {
        if (firstNicMac == null) {
            return null;
        }
        Map<String, Object> nic = new LinkedHashMap<>();
        nic.put("match", Map.of("macaddress", firstNicMac.toLowerCase(java.util.Locale.ROOT)));
        if (c.ipAddress == null) {
            nic.put("dhcp4", true);
        } else {
            nic.put("addresses", List.of(c.ipAddress));
            if (c.gateway != null) {
                nic.put(c.gateway.contains(":") ? "gateway6" : "gateway4", c.gateway);
            }
            if (c.dns != null && !c.dns.isBlank()) {
                nic.put("nameservers", Map.of("addresses", Arrays.asList(c.dns.split(","))));
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", 2);
        doc.put("ethernets", Map.of("nic0", nic));
        return write(doc);
    }

    private static String write(Map<String, Object> doc) {
        try {
            return YAML.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML", e);
        }
    }

    /** The VM's name as a host name: letters, digits and '-' only, at most 63. */
    public static String hostnameOf(String vmName, UUID vmId) {
        String h = vmName.replaceAll("[^A-Za-z0-9-]", "-").replaceAll("^-+|-+$", "");
        if (h.length() > 63) {
            h = h.substring(0, 63).replaceAll("-+$", "");
        }
        return h.isEmpty() ? "vm-" + vmId.toString().substring(0, 8) : h;
    }
}
