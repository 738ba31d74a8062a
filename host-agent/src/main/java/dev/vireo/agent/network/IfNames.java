package dev.vireo.agent.network;

import java.util.regex.Pattern;

/** Interface names as the kernel takes them: 1–15 of letters, digits, '_', '.', '-', not starting with '-'. */
public final class IfNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.-]{0,14}");

    private IfNames() {
    }

    public static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    /** The name, or an exception that names the field (the name itself is shown only when printable). */
    public static String check(String field, String name) throws NetworkCommandException {
        if (!valid(name)) {
            String shown = name == null ? "null" : name.replaceAll("[^\\x20-\\x7e]", "?");
            throw new NetworkCommandException(field + " '" + shown + "' is not an interface name");
        }
        return name;
    }
}
