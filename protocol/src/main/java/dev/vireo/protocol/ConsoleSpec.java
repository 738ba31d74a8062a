package dev.vireo.protocol;

/**
 * A one-time password for a domain's VNC display.
 *
 * @param password          at most 8 characters (VNC authentication uses the first 8 only)
 * @param validUntilEpochSec after this instant QEMU refuses the password
 */
public record ConsoleSpec(String password, long validUntilEpochSec) {
}
