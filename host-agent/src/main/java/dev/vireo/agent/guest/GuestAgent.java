package dev.vireo.agent.guest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vireo.protocol.GuestInfo;

import static dev.vireo.protocol.GuestInfo.text;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

import java.util.ArrayList;
import java.util.List;

/**
 * Talks to QEMU's guest agent in one domain through libvirt ({@code virDomainQemuAgentCommand}): what the guest
 * says about itself, and the guest-side halves of shutdown, reboot and filesystem freezes. Everything the guest
 * answers is hostile text: it is bounded and stripped of control characters here.
 */
public final class GuestAgent {
    /** seconds libvirt waits for an answer */
    static final int TIMEOUT_SECONDS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private GuestAgent() {
    }

    /** One command; the {@code return} member of the answer. Throws when no agent answers. */
    public static JsonNode call(Domain domain, String command) throws LibvirtException {
        String answer = domain.qemuAgentCommand("{\"execute\":\"" + command + "\"}", TIMEOUT_SECONDS, 0);
        try {
            return JSON.readTree(answer).path("return");
        } catch (Exception e) {
            throw new IllegalStateException("the guest agent's answer is not JSON");
        }
    }

    /** What the guest says, or {@link GuestInfo#silent} when its agent does not answer. */
    public static GuestInfo probe(Domain domain, String vmId) {
        try {
            JsonNode host = call(domain, "guest-get-host-name");
            JsonNode os = optional(domain, "guest-get-osinfo");
            JsonNode nics = optional(domain, "guest-network-get-interfaces");
            List<GuestInfo.Interface> interfaces = new ArrayList<>();
            for (JsonNode nic : nics == null ? List.<JsonNode>of() : iterable(nics)) {
                if (interfaces.size() == GuestInfo.MAX_INTERFACES) {
                    break;
                }
                List<String> addresses = new ArrayList<>();
                for (JsonNode ip : iterable(nic.path("ip-addresses"))) {
                    if (addresses.size() == GuestInfo.MAX_ADDRESSES) {
                        break;
                    }
                    addresses.add(text(ip.path("ip-address").asText("")) + "/" + ip.path("prefix").asInt(0));
                }
                interfaces.add(new GuestInfo.Interface(text(nic.path("name").asText(null)),
                        text(nic.path("hardware-address").asText(null)), addresses));
            }
            return new GuestInfo(vmId, true, text(host.path("host-name").asText(null)),
                    os == null ? null : text(os.path("pretty-name").asText(os.path("name").asText(null))),
                    os == null ? null : text(os.path("kernel-release").asText(null)), interfaces);
        } catch (LibvirtException | RuntimeException e) {
            return GuestInfo.silent(vmId);
        }
    }

    /** A command an older guest agent may not know: null then. */
    private static JsonNode optional(Domain domain, String command) {
        try {
            return call(domain, command);
        } catch (LibvirtException | RuntimeException e) {
            return null;
        }
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(out::add);
        }
        return out;
    }
}
