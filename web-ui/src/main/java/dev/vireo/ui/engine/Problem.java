package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An RFC 9457 {@code application/problem+json} error body. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Problem(String type, String title, Integer status, String detail) {

    /** The most specific human-readable text: detail, else title, else the HTTP status. */
    public String message() {
        if (detail != null && !detail.isBlank()) {
            return detail;
        }
        if (title != null && !title.isBlank()) {
            return title;
        }
        return "HTTP " + status;
    }
}
