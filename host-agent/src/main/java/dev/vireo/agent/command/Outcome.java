package dev.vireo.agent.command;

import dev.vireo.protocol.DomainStatus;

/** What a successful command reports: the domain after it, and text output (serial log) if any. */
public record Outcome(DomainStatus domain, String text) {

    public static Outcome of(DomainStatus domain) {
        return new Outcome(domain, null);
    }
}
