package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An ISO image for CD-ROMs ({@code GET /isos}); {@code Drive} is what a VM's CD-ROM holds (nulls: empty). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Iso(String id, String name, long sizeBytes, String storageDomainId) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Drive(String isoId, String name) {
        public boolean empty() {
            return isoId == null;
        }
    }
}
