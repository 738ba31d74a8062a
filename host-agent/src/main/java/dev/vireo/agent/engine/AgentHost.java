package dev.vireo.agent.engine;

import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.DomainStatus;
import dev.vireo.protocol.HostFacts;

import java.util.List;
import java.util.function.Consumer;

/** What the engine link needs from the host side; libvirt stays behind it (and fakes stand in for tests). */
public interface AgentHost {

    /** Facts for enrolment and the hello frame; throws when the host cannot tell now (libvirt away). */
    HostFacts facts() throws Exception;

    /** Every domain on the host, for a state report; throws rather than answer with a partial list. */
    List<DomainStatus> domains() throws Exception;

    /** A heartbeat; unknown figures are -1. */
    AgentMessage.Heartbeat heartbeat();

    /** Runs a command; always one reply. */
    AgentMessage.Reply handle(AgentMessage.Command command);

    /**
     * Frames sent with every state report: the host's NICs, and news kept for the engine (a network rollback).
     * Taking them consumes the news.
     */
    default List<AgentMessage> extraReports() {
        return List.of();
    }

    /** Lifecycle events as they happen. */
    void onLifecycle(Consumer<AgentMessage.Lifecycle> listener);

    /** What running guests' agents say, forwarded to the engine while connected; hosts without any ignore it. */
    default void onGuestReport(Consumer<AgentMessage.GuestReport> listener) {
    }

    /** Progress of long commands, forwarded to the engine while connected; hosts without any ignore it. */
    default void onProgress(Consumer<AgentMessage.Progress> listener) {
    }
}
