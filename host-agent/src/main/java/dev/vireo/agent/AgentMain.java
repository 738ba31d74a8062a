package dev.vireo.agent;

import dev.vireo.agent.engine.EngineLink;
import dev.vireo.agent.libvirt.HostSettings;
import dev.vireo.agent.libvirt.LibvirtConnection;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** The host agent: connect to libvirt, dial the engine, run until stopped. */
@QuarkusMain
public class AgentMain implements QuarkusApplication {
    private static final Logger LOG = Logger.getLogger(AgentMain.class);

    @Inject
    AgentConfig config;
    @Inject
    HostSettings settings;
    @Inject
    LibvirtConnection libvirt;
    @Inject
    EngineLink engineLink;

    @Override
    public int run(String... args) {
        LOG.infof("Vireo host agent: libvirt %s, domain type '%s', image dirs %s, serial logs in %s, VNC on %s",
                libvirt.uri(), settings.domainType(), settings.imageDirs(), settings.serialLogDir(), settings.vncListen());
        LOG.infof("engine %s, state in %s", config.engineUrl(), config.stateDir());
        libvirt.ensureConnected(); // logs the failure; the link and the watchdog keep trying
        engineLink.start();
        Quarkus.waitForExit();
        engineLink.stop();
        return 0;
    }
}
