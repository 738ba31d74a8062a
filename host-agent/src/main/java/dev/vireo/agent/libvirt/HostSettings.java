package dev.vireo.agent.libvirt;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What the agent knows about its host's layout, from configuration: the libvirt domain type it renders,
 * where guest images may live, where serial logs go and where VNC listens.
 *
 * @param domainType   libvirt domain type: {@code kvm}, {@code qemu} (TCG) or {@code test} (libvirt's test driver)
 * @param imageDirs    the only directories kernels, initrds and disks may come from
 * @param serialLogDir where each domain's serial console is logged
 * @param vncListen    the address VNC servers bind to: a wildcard (the engine's console proxy connects from
 *                     elsewhere) or loopback; never one of this host's own addresses, because the listen address
 *                     travels with a live migration and would not bind on the destination
 */
public record HostSettings(String domainType, List<Path> imageDirs, Path serialLogDir, String vncListen) {

    public static final Set<String> DOMAIN_TYPES = Set.of("kvm", "qemu", "test");
    public static final Set<String> VNC_LISTEN = Set.of("0.0.0.0", "::", "127.0.0.1", "::1");

    public HostSettings {
        if (!DOMAIN_TYPES.contains(domainType)) {
            throw new IllegalArgumentException("vireo.agent.domain-type must be one of kvm, qemu, test, not '" + domainType + "'");
        }
        if (imageDirs == null || imageDirs.isEmpty()) {
            throw new IllegalArgumentException("vireo.agent.image-dirs must name at least one directory");
        }
        imageDirs = imageDirs.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        serialLogDir = serialLogDir.toAbsolutePath().normalize();
        if (vncListen == null || !VNC_LISTEN.contains(vncListen)) { // Set.of throws on contains(null)
            throw new IllegalArgumentException("vireo.agent.vnc-listen must be 0.0.0.0, ::, 127.0.0.1 or ::1, not '"
                    + vncListen + "' (a host's own address would not bind after a live migration)");
        }
    }

    /**
     * {@code {first image dir}/cidata/{domainName}.iso}: a VM's NoCloud seed, made again at each start. In the
     * image directories, so a destination that shares them (the lab's hosts do) finds it after a live migration.
     */
    public Path cidataOf(String domainName) {
        return imageDirs.get(0).resolve("cidata").resolve(domainName + ".iso");
    }

    /** {@code {serialLogDir}/{domainName}-serial.log} */
    public Path serialLogOf(String domainName) {
        return serialLogDir.resolve(domainName + "-serial.log");
    }
}
