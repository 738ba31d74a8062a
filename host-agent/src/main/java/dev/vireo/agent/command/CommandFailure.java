package dev.vireo.agent.command;

/** A command that cannot be done, with the reply's error kind. */
public class CommandFailure extends Exception {
    public static final String INVALID = "invalid";
    public static final String NOT_FOUND = "not-found";
    public static final String LIBVIRT = "libvirt";
    /** an unexpected failure inside the agent (a bug): the message names the exception */
    public static final String INTERNAL = "internal";

    private final String kind;

    public CommandFailure(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static CommandFailure invalid(String message) {
        return new CommandFailure(INVALID, message);
    }

    public static CommandFailure notFound(String message) {
        return new CommandFailure(NOT_FOUND, message);
    }

    public String kind() {
        return kind;
    }
}
