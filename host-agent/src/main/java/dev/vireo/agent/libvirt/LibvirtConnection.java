package dev.vireo.agent.libvirt;

import dev.vireo.protocol.AgentMessage;
import org.jboss.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.event.ConnectionCloseReason;

import java.util.function.Consumer;

/**
 * The agent's one libvirt connection. {@link #get()} hands out a live {@link Connect}, opening a new one
 * when there is none or the old one died (libvirtd restarted); every new connection gets the lifecycle
 * listener again, so events keep flowing across reconnects.
 */
public final class LibvirtConnection implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LibvirtConnection.class);

    private final String uri;
    private final LifecycleEvents events = new LifecycleEvents();
    private Connect connect;
    private volatile boolean lost;
    private boolean closed;
    private String lastFailure;

    public LibvirtConnection(String uri) {
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }

    /** Lifecycle frames for every domain on this host, from now on (also after reconnects). */
    public void addLifecycleListener(Consumer<AgentMessage.Lifecycle> listener) {
        events.add(listener);
    }

    public void removeLifecycleListener(Consumer<AgentMessage.Lifecycle> listener) {
        events.remove(listener);
    }

    /** A live connection, reconnecting if needed; throws when libvirt cannot be reached now. */
    public synchronized Connect get() throws LibvirtException {
        if (closed) {
            throw new IllegalStateException("libvirt connection closed");
        }
        if (connect != null && !lost && alive(connect)) {
            return connect;
        }
        if (connect != null) {
            LOG.warnf("libvirt connection to %s lost, reconnecting", uri);
            dispose(connect);
            connect = null;
        }
        try {
            connect = open();
            lastFailure = null;
            return connect;
        } catch (LibvirtException e) {
            String failure = LibvirtErrors.message(e);
            if (!failure.equals(lastFailure)) {
                LOG.errorf("cannot connect to %s: %s", uri, failure);
                lastFailure = failure;
            }
            throw e;
        }
    }

    /** For a periodic check: true when libvirt is reachable (reconnecting if needed). */
    public boolean ensureConnected() {
        try {
            get();
            return true;
        } catch (LibvirtException e) {
            return false;
        }
    }

    private Connect open() throws LibvirtException {
        LibvirtEventLoop.ensureRunning();
        Connect fresh = new Connect(uri, false);
        lost = false;
        try {
            fresh.registerCloseListener(this::onClose);
        } catch (LibvirtException e) {
            LOG.debugf("%s cannot report a closed connection (%s); relying on isAlive", uri, LibvirtErrors.message(e));
        }
        try {
            fresh.addLifecycleListener(events);
        } catch (LibvirtException e) {
            dispose(fresh);
            throw e;
        }
        LOG.infof("connected to libvirt at %s", uri);
        return fresh;
    }

    private void onClose(Connect closedConnect, ConnectionCloseReason reason) {
        if (reason != ConnectionCloseReason.CLIENT) {
            LOG.warnf("libvirt closed the connection to %s (%s)", uri, reason);
            lost = true;
        }
    }

    private static boolean alive(Connect connect) {
        try {
            return connect.isAlive();
        } catch (LibvirtException e) {
            return false;
        }
    }

    private void dispose(Connect old) {
        try {
            old.removeLifecycleListener(events);
        } catch (LibvirtException | RuntimeException e) {
            LOG.debugf("removing the lifecycle listener failed: %s", e.getMessage());
        }
        try {
            old.unregisterCloseListener();
        } catch (LibvirtException | RuntimeException e) {
            LOG.debugf("removing the close listener failed: %s", e.getMessage());
        }
        try {
            old.close();
        } catch (LibvirtException | RuntimeException e) {
            LOG.debugf("closing the old connection failed: %s", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (connect != null) {
            dispose(connect);
            connect = null;
        }
        events.shutdown();
    }
}
