package dev.vireo.agent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code vireo.agent.*}; defaults in application.properties, each overridable by env (VIREO_AGENT_…) or -D. */
@ConfigMapping(prefix = "vireo.agent")
public interface AgentConfig {

    URI engineUrl();

    Optional<String> enrollmentToken();

    String stateDir();

    String libvirtUri();

    /** kvm, qemu (TCG) or test */
    String domainType();

    List<String> imageDirs();

    String serialLogDir();

    String vncListen();

    /** the libvirt URI peers use to live-migrate VMs to this host (qemu+tcp://ADDRESS/system); none: no migrations in */
    Optional<String> migrationUri();

    /** overrides the hostname libvirt reports */
    Optional<String> hostName();

    Duration heartbeatInterval();

    Duration reportInterval();

    /** how often running guests' agents are asked for their addresses, host name and OS */
    @WithDefault("5s")
    Duration guestProbeInterval();

    /** how often the watchdog checks (and re-opens) the libvirt connection */
    Duration libvirtCheckInterval();

    int commandThreads();

    /** Open vSwitch datapath for the bridges the agent makes: system (kernel module) or netdev (userspace) */
    String ovsDatapath();

    /** where ovsdb-server's socket is; no socket, no OVS facts */
    String ovsDbSocket();
}
