package dev.vireo.agent.command;

import org.libvirt.LibvirtException;

import java.time.Duration;

/**
 * Waits for a hot-unplugged device to leave the domain's live definition: libvirt returns once the request is
 * sent, and a device the guest still holds must not be handed to another VM.
 */
final class Released {
    private Released() {
    }

    interface StillThere {
        boolean check() throws LibvirtException;
    }

    /** Returns once {@code stillThere} is false; fails with {@code stuck} after {@code wait}. */
    static void await(StillThere stillThere, Duration wait, String stuck) throws CommandFailure, LibvirtException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (stillThere.check()) {
            if (System.nanoTime() > deadline) {
                throw new CommandFailure(CommandFailure.INTERNAL, stuck);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandFailure(CommandFailure.INTERNAL, "interrupted");
            }
        }
    }
}
