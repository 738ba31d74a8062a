package dev.vireo.agent;

import dev.vireo.agent.command.AbortJob;
import dev.vireo.agent.command.AttachDisk;
import dev.vireo.agent.command.AttachNic;
import dev.vireo.agent.command.DetachDisk;
import dev.vireo.agent.command.DetachNic;
import dev.vireo.agent.command.CommandDispatcher;
import dev.vireo.agent.command.MigrateDomain;
import dev.vireo.agent.command.PauseDomain;
import dev.vireo.agent.command.ProgressSink;
import dev.vireo.agent.command.PowerOffDomain;
import dev.vireo.agent.command.ReadSerialLog;
import dev.vireo.agent.command.RebootDomain;
import dev.vireo.agent.command.ResumeDomain;
import dev.vireo.agent.command.SaveDomain;
import dev.vireo.agent.command.SetConsolePassword;
import dev.vireo.agent.network.Confirmations;
import dev.vireo.agent.network.ConfirmNetworks;
import dev.vireo.agent.network.Exec;
import dev.vireo.agent.network.HostNicReader;
import dev.vireo.agent.network.LinuxBridgeSwitch;
import dev.vireo.agent.network.NetworkNotices;
import dev.vireo.agent.network.NetworkSetupStore;
import dev.vireo.agent.network.OvsState;
import dev.vireo.agent.network.OvsSwitch;
import dev.vireo.agent.network.ProcessExec;
import dev.vireo.agent.network.SetupNetworks;
import dev.vireo.agent.snapshot.CreateSnapshot;
import dev.vireo.agent.snapshot.DeleteSnapshot;
import dev.vireo.agent.snapshot.RevertSnapshot;
import dev.vireo.agent.snapshot.Snapshots;
import dev.vireo.agent.storage.CopyVolume;
import dev.vireo.agent.storage.CreateVolume;
import dev.vireo.agent.storage.DeleteVolume;
import dev.vireo.agent.storage.QemuImg;
import dev.vireo.agent.storage.ResizeVolume;
import dev.vireo.agent.storage.VolumePaths;
import dev.vireo.agent.command.ShutdownDomain;
import dev.vireo.agent.command.StartDomain;
import dev.vireo.agent.command.UndefineDomain;
import dev.vireo.agent.engine.EngineLink;
import dev.vireo.agent.engine.EngineSettings;
import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.DomainXml;
import dev.vireo.agent.libvirt.HostFactsCollector;
import dev.vireo.agent.libvirt.HostSettings;
import dev.vireo.agent.libvirt.LibvirtConnection;
import dev.vireo.agent.libvirt.SerialLog;
import jakarta.enterprise.inject.Disposes;
import dev.vireo.agent.guest.GuestAgentProbe;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.util.List;

/**
 * The agent's wiring. The parts are plain classes (constructed directly in unit tests); this is the one
 * place that builds them from configuration.
 */
public class AgentBeans {

    @Produces
    @Singleton
    HostSettings hostSettings(AgentConfig config) {
        return new HostSettings(config.domainType(), config.imageDirs().stream().map(Path::of).toList(),
                Path.of(config.serialLogDir()), config.vncListen());
    }

    @Produces
    @Singleton
    LibvirtConnection libvirtConnection(AgentConfig config) {
        return new LibvirtConnection(config.libvirtUri());
    }

    void closeLibvirt(@Disposes LibvirtConnection libvirt) {
        libvirt.close();
    }

    @Produces
    @Singleton
    DomainInventory domainInventory(LibvirtConnection libvirt) {
        return new DomainInventory(libvirt);
    }

    @Produces
    @Singleton
    HostFactsCollector hostFacts(LibvirtConnection libvirt, HostSettings settings, AgentConfig config,
                                 @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        return new HostFactsCollector(libvirt, settings, config.hostName(), version)
                .withMigrationUri(config.migrationUri().orElse(null));
    }

    @Produces
    @Singleton
    ProgressSink progressSink() {
        return new ProgressSink();
    }

    @Produces
    @Singleton
    CommandDispatcher commandDispatcher(LibvirtConnection libvirt, DomainInventory inventory, HostSettings settings,
                                        ProgressSink progress, AgentConfig config, Exec exec, NetworkNotices notices) {
        Confirmations confirmations = new Confirmations();
        SetupNetworks setupNetworks = new SetupNetworks(List.of(new OvsSwitch(config.ovsDatapath()),
                new LinuxBridgeSwitch()), exec, new NetworkSetupStore(Path.of(config.stateDir(), "network-setup.json")),
                confirmations, progress, notices);
        setupNetworks.recoverInterrupted(); // before the engine link starts
        VolumePaths volumes = new VolumePaths(settings.imageDirs());
        QemuImg qemuImg = new QemuImg();
        Snapshots snapshots = new Snapshots(inventory, volumes, qemuImg, progress);
        DomainXml domainXml = new DomainXml(settings);
        return new CommandDispatcher(List.of(
                new StartDomain(libvirt, inventory, domainXml, volumes),
                new SaveDomain(inventory, volumes),
                new ShutdownDomain(inventory),
                new PowerOffDomain(inventory),
                new RebootDomain(inventory),
                new PauseDomain(inventory),
                new ResumeDomain(inventory),
                new UndefineDomain(inventory, new dev.vireo.agent.cloudinit.CidataVolume(settings)),
                new MigrateDomain(inventory, progress),
                new AbortJob(inventory),
                new ReadSerialLog(new SerialLog(settings), inventory),
                new SetConsolePassword(inventory),
                new CreateVolume(volumes, qemuImg),
                new CopyVolume(volumes, qemuImg),
                new ResizeVolume(volumes, qemuImg),
                new DeleteVolume(volumes),
                new CreateSnapshot(snapshots),
                new RevertSnapshot(snapshots),
                new DeleteSnapshot(snapshots),
                setupNetworks,
                new ConfirmNetworks(confirmations),
                new AttachDisk(inventory, domainXml),
                new DetachDisk(inventory, domainXml, java.time.Duration.ofSeconds(20)),
                new AttachNic(inventory, domainXml),
                new DetachNic(inventory, domainXml, java.time.Duration.ofSeconds(20))), inventory);
    }

    @Produces
    @Singleton
    Exec exec() {
        return new ProcessExec();
    }

    @Produces
    @Singleton
    NetworkNotices networkNotices() {
        return new NetworkNotices();
    }

    @Produces
    @Singleton
    LibvirtAgentHost agentHost(LibvirtConnection libvirt, HostFactsCollector facts, DomainInventory inventory,
                               CommandDispatcher dispatcher, ProgressSink progress, AgentConfig config, Exec exec,
                               NetworkNotices notices) {
        HostNicReader nics = new HostNicReader(Path.of("/sys/class/net"),
                new OvsState(exec, Path.of(config.ovsDbSocket())));
        return new LibvirtAgentHost(libvirt, facts, inventory, dispatcher).withProgress(progress)
                .withNetwork(nics, notices)
                .withGuestProbe(new GuestAgentProbe(libvirt).start(config.guestProbeInterval().toMillis()));
    }

    @Produces
    @Singleton
    EngineLink engineLink(AgentConfig config, LibvirtAgentHost host) {
        EngineSettings settings = new EngineSettings(config.engineUrl(), config.enrollmentToken(),
                Path.of(config.stateDir()), config.heartbeatInterval(), config.reportInterval());
        return new EngineLink(settings, host, EngineLink.httpClient(), config.commandThreads());
    }

    void stopEngineLink(@Disposes EngineLink link) {
        link.stop();
    }
}
