package dev.vireo.engine.cloudinit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.vireo.engine.api.ApiException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;

/**
 * What the annotations on {@link CloudInitRequest} cannot say: each SSH key is one well-formed line whose
 * base64 body names the same key type; user-data is a {@code #cloud-config} YAML mapping; addresses are
 * literal IPs (never looked up). Each failure is a 422 naming the field.
 */
public final class CloudInitChecks {
    public static final int MAX_USER_DATA = 65536;
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile(
            "(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(?:256|384|521)|sk-ssh-ed25519@openssh\\.com|sk-ecdsa-sha2-nistp256@openssh\\.com)"
                    + " ([A-Za-z0-9+/]+={0,2})(?: ([\\x20-\\x7E]{0,256}))?");
    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final YAMLMapper YAML = new YAMLMapper();

    private CloudInitChecks() {
    }

    public static void check(CloudInitRequest r) {
        boolean generated = r.user() != null || r.password() != null || r.passwordHash() != null
                || (r.sshAuthorizedKeys() != null && !r.sshAuthorizedKeys().isEmpty());
        if (r.userData() != null && generated) {
            throw ApiException.invalid("cloudInit: give either userData (your own #cloud-config) or user, "
                    + "sshAuthorizedKeys and password, not both");
        }
        if (r.password() != null && r.passwordHash() != null) {
            throw ApiException.invalid("cloudInit: give password or passwordHash, not both");
        }
        if (r.password() != null && r.password().chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid("cloudInit.password must not contain control characters");
        }
        List<String> keys = r.sshAuthorizedKeys() == null ? List.of() : r.sshAuthorizedKeys();
        for (int i = 0; i < keys.size(); i++) {
            sshKey("cloudInit.sshAuthorizedKeys[" + i + "]", keys.get(i));
        }
        if (r.userData() != null) {
            userData(r.userData());
        }
        if (r.ip() != null) {
            cidr("cloudInit.ip.address", r.ip().address());
            if (r.ip().gateway() != null) {
                ip("cloudInit.ip.gateway", r.ip().gateway());
            }
            List<String> dns = r.ip().dns() == null ? List.of() : r.ip().dns();
            for (int i = 0; i < dns.size(); i++) {
                ip("cloudInit.ip.dns[" + i + "]", dns.get(i));
            }
        }
    }

    /** One OpenSSH public key line; a second line (a smuggled key or option) is refused, not cut off. */
    static void sshKey(String field, String key) {
        Matcher m = KEY.matcher(key);
        if (!m.matches()) {
            throw ApiException.invalid(field + " is not one OpenSSH public key line (type, base64 key, optional "
                    + "comment; no line breaks or control characters)");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field + ": the key is not valid base64");
        }
        // the blob starts with the key type again: a 4-byte length, then the name
        String type = m.group(1);
        int length = blob.length < 4 ? -1 : ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
        if (length != type.length() || blob.length < 4 + length
                || !type.equals(new String(blob, 4, length, StandardCharsets.US_ASCII))) {
            throw ApiException.invalid(field + ": the key's data is not a " + type + " key");
        }
    }

    static void userData(String text) {
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_USER_DATA) {
            throw ApiException.invalid("cloudInit.userData must be at most " + MAX_USER_DATA + " bytes");
        }
        if (!text.startsWith("#cloud-config\n") && !text.equals("#cloud-config")) {
            throw ApiException.invalid("cloudInit.userData must be a cloud-config document: its first line is "
                    + "#cloud-config");
        }
        JsonNode doc;
        try {
            doc = YAML.readTree(text);
        } catch (Exception e) {
            String why = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw ApiException.invalid("cloudInit.userData is not valid YAML: " + why);
        }
        if (doc != null && !doc.isMissingNode() && !doc.isNull() && !doc.isObject()) {
            throw ApiException.invalid("cloudInit.userData must be a YAML mapping (keys such as packages, users, runcmd)");
        }
    }

    static void cidr(String field, String value) {
        int slash = value.indexOf('/');
        if (slash < 0) {
            throw ApiException.invalid(field + " must be an address with its prefix length, such as 10.0.0.5/24");
        }
        String address = value.substring(0, slash);
        ip(field, address);
        int max = address.contains(":") ? 128 : 32;
        String prefix = value.substring(slash + 1);
        if (!prefix.matches("[0-9]{1,3}") || Integer.parseInt(prefix) > max || Integer.parseInt(prefix) < 1) {
            throw ApiException.invalid(field + ": the prefix length must be 1 to " + max);
        }
    }

    /** A literal IPv4 or IPv6 address; only literals reach InetAddress, so nothing is ever looked up. */
    static void ip(String field, String value) {
        boolean v4 = IPV4.matcher(value).matches();
        if (!v4 && !IPV6.matcher(value).matches()) {
            throw ApiException.invalid(field + " must be an IPv4 or IPv6 address");
        }
        if (!v4) {
            try {
                InetAddress.getByName(value);
            } catch (UnknownHostException e) {
                throw ApiException.invalid(field + " must be an IPv4 or IPv6 address");
            }
        }
    }
}
