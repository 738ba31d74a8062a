package dev.vireo.agent.libvirt;

import org.libvirt.Error;
import org.libvirt.LibvirtException;

/** Turns a {@link LibvirtException} into one clear line, and recognises the errors callers react to. */
public final class LibvirtErrors {
    private LibvirtErrors() {
    }

    public static String message(LibvirtException e) {
        Error error = e.getError();
        String text = error != null && error.getMessage() != null ? error.getMessage() : e.getMessage();
        if (text == null || text.isBlank()) {
            text = error != null ? String.valueOf(error.getCode()) : "unknown error";
        }
        return "libvirt: " + text.strip().replaceAll("\\s+", " ");
    }

    public static boolean isNoDomain(LibvirtException e) {
        return e.getError() != null && e.getError().getCode() == Error.ErrorNumber.VIR_ERR_NO_DOMAIN;
    }
}
