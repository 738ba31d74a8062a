package dev.vireo.agent.command;

import dev.vireo.protocol.DomainStatus;

import java.util.Map;

/**
 * What a successful command reports: the domain after it, text output (serial log) if any, and figures
 * (a migration's downtime …) if any.
 */
public record Outcome(DomainStatus domain, String text, Map<String, Long> figures) {

    public Outcome(DomainStatus domain, String text) {
        this(domain, text, null);
    }

    public static Outcome of(DomainStatus domain) {
        return new Outcome(domain, null, null);
    }
}
