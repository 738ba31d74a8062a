package dev.vireo.engine.cloudinit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NoCloud files: user text stays a value whatever YAML it looks like; the documents read back as given. */
class CloudInitDocumentsTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    private static VmCloudInit seed() {
        VmCloudInit c = new VmCloudInit();
        c.vmId = UUID.fromString("6b1c7c2e-2b1f-4d5e-9a51-0e5f7c3d2a10");
        c.userName = "alice";
        c.hostname = "web-1";
        return c;
    }

    @Test
    void aKeyCommentThatLooksLikeYamlStaysOneKey() throws Exception {
        VmCloudInit c = seed();
        String hostile = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEm4x6B7mYh1m7a7wJtZ0Yl8cQ0tq2rW5YbJ0m7ZpQ1X x: y # z' \"runcmd: [reboot]\" - {a: b}";
        c.sshAuthorizedKeys = hostile;
        String userData = CloudInitDocuments.userData(c);
        assertTrue(userData.startsWith("#cloud-config\n"), userData);
        JsonNode doc = YAML.readTree(userData);
        assertEquals(2 + 1, doc.size(), "users, ssh_pwauth, disable_root and nothing else: " + doc);
        assertFalse(doc.has("runcmd"), userData);
        JsonNode user = doc.path("users").get(0);
        assertEquals("alice", user.path("name").asText());
        assertEquals(1, user.path("ssh_authorized_keys").size());
        assertEquals(hostile, user.path("ssh_authorized_keys").get(0).asText());
        assertTrue(user.path("lock_passwd").asBoolean(), "no password: the account's password is locked");
        assertFalse(doc.path("ssh_pwauth").asBoolean());
    }

    @Test
    void metaDataHasAStableInstanceIdAndNetworkConfigMatchesTheFirstNic() throws Exception {
        VmCloudInit c = seed();
        JsonNode meta = YAML.readTree(CloudInitDocuments.metaData(c));
        assertEquals("vireo-" + c.vmId, meta.path("instance-id").asText());
        assertEquals("web-1", meta.path("local-hostname").asText());

        assertNull(CloudInitDocuments.networkConfig(c, null), "no NIC: cloud-init's own default");
        JsonNode dhcp = YAML.readTree(CloudInitDocuments.networkConfig(c, "56:6F:00:00:00:01"));
        assertEquals(2, dhcp.path("version").asInt());
        assertEquals("56:6f:00:00:00:01", dhcp.path("ethernets").path("nic0").path("match").path("macaddress").asText());
        assertTrue(dhcp.path("ethernets").path("nic0").path("dhcp4").asBoolean());

        c.ipAddress = "10.0.0.5/24";
        c.gateway = "10.0.0.1";
        c.dns = "10.0.0.2,10.0.0.3";
        JsonNode fixed = YAML.readTree(CloudInitDocuments.networkConfig(c, "56:6f:00:00:00:01")).path("ethernets").path("nic0");
        assertEquals("10.0.0.5/24", fixed.path("addresses").get(0).asText());
        assertEquals("10.0.0.1", fixed.path("gateway4").asText());
        assertEquals("10.0.0.3", fixed.path("nameservers").path("addresses").get(1).asText());
    }

    @Test
    void anExpertsUserDataIsUsedAsGiven() {
        VmCloudInit c = seed();
        c.userData = "#cloud-config\npackages: [nginx]\n";
        assertEquals(c.userData, CloudInitDocuments.userData(c));
    }

    @Test
    void vmNamesBecomeHostNames() {
        UUID id = UUID.randomUUID();
        assertEquals("web_1-prod".replace('_', '-'), CloudInitDocuments.hostnameOf("web_1-prod", id));
        assertEquals("a-b", CloudInitDocuments.hostnameOf("a.b", id));
        assertEquals("vm-" + id.toString().substring(0, 8), CloudInitDocuments.hostnameOf("___", id));
        assertEquals(63, CloudInitDocuments.hostnameOf("x".repeat(64), id).length());
    }
}
