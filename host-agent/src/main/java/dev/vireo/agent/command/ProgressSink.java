package dev.vireo.agent.command;

import dev.vireo.protocol.AgentMessage;

import java.util.function.Consumer;

/** Where long commands report how far they are; the engine link plugs itself in when it connects. */
public final class ProgressSink {
    private volatile Consumer<AgentMessage.Progress> listener = p -> { };

    public void listen(Consumer<AgentMessage.Progress> listener) {
        this.listener = listener;
    }

    public void report(AgentMessage.Progress progress) {
        listener.accept(progress);
    }
}
