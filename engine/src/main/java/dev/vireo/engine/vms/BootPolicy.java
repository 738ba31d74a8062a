package dev.vireo.engine.vms;

import dev.vireo.engine.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Decides how a new VM boots: the guest kit by default, or the request's boot spec, whose paths must be
 * absolute, free of traversal and inside the hosts' image directories. Only administrators may name host
 * paths: the image directories also hold every disk, template base, saved memory and OVA, so a path is a
 * way around the disks' permissions. The agent checks again on the host, where it can also resolve symlinks.
 */
@ApplicationScoped
public class BootPolicy {

    /** Where a boot came from; recorded on the VM so that a start can tell who vouched for its paths. */
    public enum Source {
        /** the guest kit's kernel and initrd (the engine's settings) */
        KIT,
        /** its template's kernel, initrd and command line */
        TEMPLATE,
        /** its attached disks' own boot loader: no host path at all */
        DISKS,
        /** host paths an administrator gave */
        ADMIN
    }

    public record Boot(String kernel, String initrd, String cmdline, String diskImage, Source source) {
    }

    @ConfigProperty(name = "vireo.image-dirs", defaultValue = "/var/lib/vireo/images")
    List<String> imageDirs;

    @ConfigProperty(name = "vireo.default-boot.kernel", defaultValue = "/var/lib/vireo/images/kit/vmlinuz")
    String defaultKernel;

    @ConfigProperty(name = "vireo.default-boot.initrd", defaultValue = "/var/lib/vireo/images/kit/initrd.gz")
    String defaultInitrd;

    @ConfigProperty(name = "vireo.default-boot.cmdline", defaultValue = "console=ttyS0 console=tty0 quiet")
    String defaultCmdline;

    /** The guest kit's boot. */
    public Boot kit() {
        return new Boot(defaultKernel, defaultInitrd, defaultCmdline, null, Source.KIT);
    }

    /** True when these are the guest kit's kernel and initrd (or no kernel at all). */
    public boolean isKit(String kernel, String initrd) {
        return kernel == null || (kernel.equals(defaultKernel) && (initrd == null || initrd.equals(defaultInitrd)));
    }

    public Boot resolve(CreateVmRequest.BootRequest request, dev.vireo.engine.access.Caller caller) {
        if (request == null || (blank(request.kernel()) && blank(request.diskImage()))) {
            if (request != null && (!blank(request.initrd()) || !blank(request.cmdline()))) {
                throw ApiException.invalid("boot.initrd and boot.cmdline need boot.kernel");
            }
            return kit();
        }
        if (!caller.admin()) {
            throw new ApiException(403, "Forbidden", "only administrators may boot a VM from host paths (boot.kernel, "
                    + "boot.diskImage); leave boot out to boot the guest kit, give a templateId, or attach disks you "
                    + "may use through /api/v1/vms/{id}/disks");
        }
        if (blank(request.kernel()) && (!blank(request.initrd()) || !blank(request.cmdline()))) {
            throw ApiException.invalid("boot.initrd and boot.cmdline need boot.kernel");
        }
        return new Boot(checked("boot.kernel", request.kernel()), checked("boot.initrd", request.initrd()),
                blank(request.cmdline()) ? (blank(request.kernel()) ? null : defaultCmdline) : request.cmdline(),
                checked("boot.diskImage", request.diskImage()), Source.ADMIN);
    }

    /**
     * The path, normalised, if it is absolute, free of traversal and inside the image directories; a 422
     * naming the field otherwise. Null for a blank value.
     */
    public String checked(String field, String value) {
        if (blank(value)) {
            return null;
        }
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            throw ApiException.invalid(field + " is not a valid path");
        }
        if (!path.isAbsolute()) {
            throw ApiException.invalid(field + " must be an absolute path");
        }
        Path normal = path.normalize();
        if (!normal.equals(path) || value.contains("/../") || value.endsWith("/..")) {
            throw ApiException.invalid(field + " must not contain '.', '..' or repeated '/' segments");
        }
        Optional<String> dir = imageDirs.stream().filter(d -> normal.startsWith(Path.of(d).normalize())
                && !normal.equals(Path.of(d).normalize())).findFirst();
        if (dir.isEmpty()) {
            throw ApiException.invalid(field + " " + value + " is outside the image directories " + imageDirs);
        }
        return normal.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
