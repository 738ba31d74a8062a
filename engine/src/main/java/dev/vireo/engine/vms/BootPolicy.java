package dev.vireo.engine.vms;

import dev.vireo.engine.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Decides how a new VM boots: the guest kit by default (until templates arrive), or the request's boot
 * spec, whose paths must be absolute, free of traversal and inside the hosts' image directories. The
 * agent checks again on the host, where it can also resolve symlinks.
 */
@ApplicationScoped
public class BootPolicy {

    public record Boot(String kernel, String initrd, String cmdline, String diskImage) {
    }

    @ConfigProperty(name = "vireo.image-dirs", defaultValue = "/var/lib/vireo/images")
    List<String> imageDirs;

    @ConfigProperty(name = "vireo.default-boot.kernel", defaultValue = "/var/lib/vireo/images/kit/vmlinuz")
    String defaultKernel;

    @ConfigProperty(name = "vireo.default-boot.initrd", defaultValue = "/var/lib/vireo/images/kit/initrd.gz")
    String defaultInitrd;

    @ConfigProperty(name = "vireo.default-boot.cmdline", defaultValue = "console=ttyS0 console=tty0 quiet")
    String defaultCmdline;

    public Boot resolve(CreateVmRequest.BootRequest request) {
        if (request == null || (blank(request.kernel()) && blank(request.diskImage()))) {
            if (request != null && (!blank(request.initrd()) || !blank(request.cmdline()))) {
                throw ApiException.invalid("boot.initrd and boot.cmdline need boot.kernel");
            }
            return new Boot(defaultKernel, defaultInitrd, defaultCmdline, null);
        }
        if (blank(request.kernel()) && (!blank(request.initrd()) || !blank(request.cmdline()))) {
            throw ApiException.invalid("boot.initrd and boot.cmdline need boot.kernel");
        }
        return new Boot(checked("boot.kernel", request.kernel()), checked("boot.initrd", request.initrd()),
                blank(request.cmdline()) ? (blank(request.kernel()) ? null : defaultCmdline) : request.cmdline(),
                checked("boot.diskImage", request.diskImage()));
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
