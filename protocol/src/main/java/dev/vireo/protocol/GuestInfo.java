package dev.vireo.protocol;

import java.util.List;

/**
 * What QEMU's guest agent inside a running VM says about it, as the host's agent last heard. Guest text: the
 * engine stores it only as text, bounded ({@link #MAX_TEXT}, {@link #MAX_INTERFACES}, {@link #MAX_ADDRESSES}).
 *
 * @param agentConnected false: the guest agent did not answer (not installed, not started yet); the rest is null
 * @param interfaces     the guest's NICs with their addresses ({@code 10.79.0.10/24}, {@code fe80::…/64})
 */
public record GuestInfo(String vmId, boolean agentConnected, String hostname, String osName, String kernel,
                        List<Interface> interfaces) {
    public static final int MAX_TEXT = 256;
    public static final int MAX_INTERFACES = 32;
    public static final int MAX_ADDRESSES = 32;

    public GuestInfo {
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
    }

    public record Interface(String name, String mac, List<String> addresses) {
        public Interface {
            addresses = addresses == null ? List.of() : List.copyOf(addresses);
        }
    }

    /** Guest text made safe to keep: control characters stripped, at most {@link #MAX_TEXT} characters; null stays null. */
    public static String text(String s) {
        if (s == null) {
            return null;
        }
        String clean = s.replaceAll("\\p{Cntrl}", "");
        return clean.length() > MAX_TEXT ? clean.substring(0, MAX_TEXT) : clean;
    }

    public static GuestInfo silent(String vmId) {
        return new GuestInfo(vmId, false, null, null, null, List.of());
    }
}
