package dev.vireo.engine.network;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A range of MAC addresses, both ends included, as 48-bit numbers. Only locally administered unicast
 * addresses (second-lowest bit of the first octet set, lowest clear) may be handed out, so the pool never
 * collides with a vendor's burnt-in address or makes a multicast one; both ends must share the first octet,
 * which makes every address in between such an address too.
 */
public record MacRange(long first, long last) {
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");

    public MacRange {
        if (first > last) {
            throw new IllegalArgumentException("MAC range " + format(first) + "-" + format(last) + " is empty");
        }
        if ((first >>> 40) != (last >>> 40)) {
            throw new IllegalArgumentException("MAC range ends must share the first octet");
        }
        int octet = (int) (first >>> 40);
        if ((octet & 0x02) == 0 || (octet & 0x01) != 0) {
            throw new IllegalArgumentException("MAC range must be locally administered unicast (first octet x2, x6, xA or xE): "
                    + format(first));
        }
    }

    /** "56:6f:00:00:00:00-56:6f:00:ff:ff:ff" */
    public static MacRange parse(String range) {
        String[] ends = range == null ? new String[0] : range.trim().split("-");
        if (ends.length != 2) {
            throw new IllegalArgumentException("a MAC range is FIRST-LAST, such as 56:6f:00:00:00:00-56:6f:00:ff:ff:ff: " + range);
        }
        return new MacRange(parseMac(ends[0].trim()), parseMac(ends[1].trim()));
    }

    public static long parseMac(String mac) {
        if (mac == null || !MAC.matcher(mac).matches()) {
            throw new IllegalArgumentException("not a MAC address (six hex octets with ':'): " + mac);
        }
        return Long.parseLong(mac.replace(":", ""), 16);
    }

    /** Lower case, colons, fixed width: the form the database stores, whose text order is numeric order. */
    public static String format(long mac) {
        String hex = String.format(Locale.ROOT, "%012x", mac);
        StringBuilder s = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                s.append(':');
            }
            s.append(hex, i, i + 2);
        }
        return s.toString();
    }

    public long size() {
        return last - first + 1;
    }

    public String firstMac() {
        return format(first);
    }

    public String lastMac() {
        return format(last);
    }

    /**
     * The next address to hand out, given the highest one in use (null: none) and, only needed once the top
     * is reached, every address in use in ascending order. Addresses above the highest in use come first, so
     * a released MAC is not handed to a new NIC at once (a switch or a guest may still remember it); then the
     * lowest gap. Returns -1 when the range is exhausted.
     */
    public long next(String highestInUse, java.util.function.Supplier<List<String>> inUseAscending) {
        if (highestInUse == null) {
            return first;
        }
        long top = parseMac(highestInUse);
        if (top < last) {
            return Math.max(top + 1, first);
        }
        long expected = first;
        for (String mac : inUseAscending.get()) {
            long used = parseMac(mac);
            if (used > expected) {
                return expected;
            }
            expected = Math.max(expected, used + 1);
        }
        return expected <= last ? expected : -1;
    }
}
