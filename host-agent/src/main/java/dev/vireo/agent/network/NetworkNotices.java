package dev.vireo.agent.network;

import dev.vireo.protocol.AgentMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * News for the engine that must not be lost with a dropped link (a rollback): kept until the session takes
 * them with its next state report, which is also the first thing it sends after reconnecting.
 */
public final class NetworkNotices {
    private final ConcurrentLinkedQueue<AgentMessage> queue = new ConcurrentLinkedQueue<>();

    public void publish(AgentMessage message) {
        queue.add(message);
    }

    public List<AgentMessage> drain() {
        List<AgentMessage> out = new ArrayList<>();
        for (AgentMessage m; (m = queue.poll()) != null; ) {
            out.add(m);
        }
        return out;
    }
}
