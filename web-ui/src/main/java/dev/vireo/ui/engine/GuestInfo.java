package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** What a running VM's guest agent says ({@code GET /vms/{id}/guest}); all empty while it does not answer. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GuestInfo(boolean agentConnected, String hostname, String osName, String kernel,
                        List<Interface> interfaces) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Interface(String name, String mac, List<String> addresses) {
    }
}
