package dev.vireo.agent.libvirt;

import org.jboss.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;

/**
 * libvirt's event loop, once per JVM: {@link Library#initEventLoop()} before the first connection, then
 * {@link Library#runEventLoop()} on a daemon thread. Lifecycle and close callbacks run on that thread.
 */
final class LibvirtEventLoop {
    private static final Logger LOG = Logger.getLogger(LibvirtEventLoop.class);
    /** libvirt prints every error to stderr unless told otherwise; they reach us as exceptions anyway */
    private static final Libvirt.VirErrorCallback QUIET = (userData, error) -> {
    };
    private static boolean started;

    private LibvirtEventLoop() {
    }

    static synchronized void ensureRunning() throws LibvirtException {
        if (started) {
            return;
        }
        Connect.setErrorCallback(QUIET);
        Library.initEventLoop();
        Thread thread = new Thread(LibvirtEventLoop::run, "vireo-libvirt-event-loop");
        thread.setDaemon(true);
        thread.start();
        started = true;
    }

    private static void run() {
        try {
            Library.runEventLoop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (LibvirtException e) {
            LOG.errorf("libvirt event loop stopped: %s", LibvirtErrors.message(e));
        }
    }
}
