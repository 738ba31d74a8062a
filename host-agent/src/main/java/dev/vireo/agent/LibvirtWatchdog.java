package dev.vireo.agent;

import dev.vireo.agent.libvirt.LibvirtConnection;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;

/** Reconnects to libvirt after libvirtd restarts even while nothing else asks, so events keep coming. */
@Singleton
public class LibvirtWatchdog {
    private final LibvirtConnection libvirt;

    LibvirtWatchdog(LibvirtConnection libvirt) {
        this.libvirt = libvirt;
    }

    @Scheduled(every = "${vireo.agent.libvirt-check-interval}", delayed = "${vireo.agent.libvirt-check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        libvirt.ensureConnected();
    }
}
