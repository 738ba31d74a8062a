package dev.vireo.ui.common;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** Small text formats shared by the grids. */
public final class Formats {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private Formats() {
    }

    public static String number(Number n) {
        return n == null ? "" : String.format("%,d", n.longValue());
    }

    /** One decimal, e.g. {@code 133.3}; empty for null. */
    public static String decimal(Number n) {
        return n == null ? "" : String.format("%,.1f", n.doubleValue());
    }

    public static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    public static String timestamp(OffsetDateTime t) {
        return t == null ? "" : TIMESTAMP.format(t);
    }

    /** "4 s ago", "3 min ago", "2 h ago", "5 d ago"; empty for null. */
    public static String age(OffsetDateTime t, OffsetDateTime now) {
        if (t == null) {
            return "never";
        }
        long s = Math.max(0, Duration.between(t, now).getSeconds());
        if (s < 120) {
            return s + " s ago";
        }
        if (s < 2 * 3600) {
            return s / 60 + " min ago";
        }
        if (s < 2 * 86400) {
            return s / 3600 + " h ago";
        }
        return s / 86400 + " d ago";
    }

    /** A quota's use against its limits: "2/4 VMs · 3/8 vCPUs · 512/2048 MiB" (∞ where unlimited). */
    public static String quota(long vms, Integer maxVms, long vcpus, Integer maxVcpus, long memoryMiB, Long maxMemoryMiB) {
        return vms + "/" + limit(maxVms) + " VMs · " + vcpus + "/" + limit(maxVcpus) + " vCPUs · "
                + memoryMiB + "/" + limit(maxMemoryMiB) + " MiB";
    }

    private static String limit(Number max) {
        return max == null ? "∞" : String.valueOf(max.longValue());
    }

    /** Used as a share of max, 0..1 for progress bars; 0 when unlimited. */
    public static double share(long used, Number max) {
        if (max == null || max.longValue() <= 0) {
            return max == null ? 0 : 1;
        }
        return Math.min(1.0, used / max.doubleValue());
    }
}
