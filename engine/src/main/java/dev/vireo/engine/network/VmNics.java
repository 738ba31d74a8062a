package dev.vireo.engine.network;

import dev.vireo.engine.agents.AgentCommands;
import dev.vireo.engine.agents.AgentUnavailableException;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.clusters.Cluster;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.hostnetwork.HostBridges;
import dev.vireo.engine.hosts.Host;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.actions.ActionSupport;
import dev.vireo.engine.vms.VmStatus;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.NicSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Adding and removing a VM's NICs. A stopped VM's NICs change in the database only (its next start defines the
 * domain with all of them); a running or paused VM's are hot-plugged by its host's agent. A hot-plug first
 * records the NIC with a MAC from the {@link MacPool} (so no other NIC can take that MAC), then asks the agent;
 * a failed plug removes the NIC again, which gives the MAC back. A hot-unplug removes the NIC only once the
 * agent says the guest released it. A NIC on a network whose bridge the VM's host lacks is refused before
 * anything is recorded (the scheduler's network filter keeps VMs off such hosts; this keeps them there).
 */
@ApplicationScoped
public class VmNics {
    private static final Logger LOG = Logger.getLogger(VmNics.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static final Set<VmStatus> LIVE = Set.of(VmStatus.RUNNING, VmStatus.PAUSED);

    @Inject
    ActionSupport support;
    @Inject
    AgentCommands commands;
    @Inject
    EventLog events;
    @Inject
    MacPool macs;

    private record Plan(String vmName, UUID hostId, NicSpec spec, boolean live) {
    }

    /** Why the agent did not do it; {@code unreachable}: it never answered (the command may still run there). */
    private record Failure(String why, boolean unreachable, boolean mayStillRun) {
    }

    public VmNicResource.NicView add(UUID vmId, VmNicResource.AddNic request, String actor) {
        UUID nicId = UUID.randomUUID();
        Plan plan = QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = support.lock(vmId);
            boolean live = live(vm, "added");
            Network network = Network.findById(request.networkId());
            if (network == null) {
                throw ApiException.invalid("network " + request.networkId() + " does not exist");
            }
            if (!network.vmNetwork) {
                throw ApiException.invalid("network " + network.name + " is not a VM network");
            }
            if (!network.clusterId.equals(vm.clusterId)) {
                throw ApiException.invalid("network " + network.name + " belongs to another cluster than VM " + vm.name);
            }
            if (live) {
                requireBridge(vm, network);
            }
            VmNic n = new VmNic();
            n.id = nicId;
            n.vmId = vmId;
            n.networkId = network.id;
            n.model = request.model() == null ? "virtio" : request.model();
            n.mac = macs.allocate();   // reserved until this transaction ends, then by the row
            n.createdAt = OffsetDateTime.now();
            n.persist();
            events.info(actor, "vm.nic-add", "vm", vm.id, vm.name, "NIC " + n.mac + " (" + n.model + ") on network "
                    + network.name + (live ? " (hot-plug)" : ""));
            return new Plan(vm.name, vm.hostId, spec(n, network), live);
        });
        if (plan.live()) {
            Failure failure = send(plan, CommandAction.ATTACH_NIC, vmId);
            if (failure != null) {
                if (failure.mayStillRun()) {
                    // the agent runs a VM's commands one after another: an unplug sent now follows the plug, if it
                    // ever runs, so the guest does not keep a MAC the pool hands out again
                    undo(plan, vmId);
                }
                QuarkusTransaction.requiringNew().run(() -> {
                    VmNic.delete("id", nicId);
                    events.warn(actor, "vm.nic-add-failed", "vm", vmId, plan.vmName(), "hot-plug of NIC "
                            + plan.spec().mac() + " failed: " + failure.why());
                });
                String detail = "hot-plugging a NIC on bridge " + plan.spec().bridge() + " into VM " + plan.vmName()
                        + " failed (nothing was added): " + failure.why();
                throw failure.unreachable() ? ApiException.unavailable(detail) : ApiException.conflict(detail);
            }
        }
        return QuarkusTransaction.requiringNew().call(() -> VmNicResource.view(VmNic.findById(nicId)));
    }

    public void remove(UUID vmId, UUID nicId, String actor) {
        Plan plan = QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = support.lock(vmId);
            boolean live = live(vm, "removed");
            VmNic n = VmNic.findById(nicId);
            if (n == null || !vmId.equals(n.vmId)) {
                throw ApiException.notFound("NIC of VM " + vm.name, nicId);
            }
            Network network = Network.findById(n.networkId);
            Plan p = new Plan(vm.name, vm.hostId, spec(n, network), live);
            if (!live) {
                n.delete();
                events.info(actor, "vm.nic-remove", "vm", vm.id, vm.name, "NIC " + n.mac + " removed");
            }
            return p;
        });
        if (!plan.live()) {
            return;
        }
        Failure failure = send(plan, CommandAction.DETACH_NIC, vmId);
        if (failure != null) {
            String detail = "hot-unplugging NIC " + plan.spec().mac() + " from VM " + plan.vmName()
                    + " failed (it stays): " + failure.why();
            throw failure.unreachable() ? ApiException.unavailable(detail) : ApiException.conflict(detail);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            if (VmNic.delete("id = ?1 and vmId = ?2", nicId, vmId) > 0) {
                events.info(actor, "vm.nic-remove", "vm", vmId, plan.vmName(), "NIC " + plan.spec().mac() + " hot-unplugged");
            }
        });
    }

    /** The host's last NIC report must list the network's bridge (a host that never reported is not judged, as in the scheduler). */
    private static void requireBridge(Vm vm, Network network) {
        Host host = Host.findById(vm.hostId);
        Set<String> bridges = host == null ? null : HostBridges.of(host.nics);
        if (bridges != null && !bridges.contains(network.bridge)) {
            throw ApiException.conflict("host " + host.name + " running VM " + vm.name + " has no bridge " + network.bridge
                    + " for network " + network.name + "; set the network up on the host, or add the NIC while the VM is down");
        }
    }

    /** What the agent renders, as {@code DomainSpecs} has it for a start: on an OVS cluster an OVS port tagged with the VLAN. */
    private static NicSpec spec(VmNic n, Network network) {
        Cluster cluster = Cluster.findById(network.clusterId);
        boolean ovs = cluster != null && "ovs".equals(cluster.switchType);
        return new NicSpec(n.mac, network.bridge, n.model, network.mtu, ovs ? "openvswitch" : null,
                ovs ? network.vlanId : null);
    }

    /** null when the agent did it; else why not. */
    private Failure send(Plan plan, CommandAction action, UUID vmId) {
        try {
            AgentMessage.Reply reply = commands.nic(plan.hostId(), action, vmId, plan.spec(), TIMEOUT)
                    .get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            return reply.ok() ? null : new Failure(reply.error(), false, false);
        } catch (AgentUnavailableException e) {
            return new Failure("the VM's host is not connected: " + e.getMessage(), true, false);
        } catch (ExecutionException e) {
            // timed out, or the agent went away while the command ran: it may have been done there, or may still be
            return new Failure(AgentCommands.describe(e.getCause() != null ? e.getCause() : e), true, true);
        } catch (TimeoutException e) {
            return new Failure(AgentCommands.describe(e), true, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failure("interrupted", true, true);
        }
    }

    private void undo(Plan plan, UUID vmId) {
        try {
            commands.nic(plan.hostId(), CommandAction.DETACH_NIC, vmId, plan.spec(), TIMEOUT)
                    .whenComplete((reply, error) -> LOG.infof("unplug of NIC %s of VM %s after a failed hot-plug: %s",
                            plan.spec().mac(), vmId, error != null ? AgentCommands.describe(error)
                                    : reply.ok() ? "done" : reply.error()));
        } catch (AgentUnavailableException e) {
            LOG.infof("NIC %s of VM %s: no unplug after the failed hot-plug, the agent is gone: %s", plan.spec().mac(),
                    vmId, e.getMessage());
        }
    }

    private static boolean live(Vm vm, String what) {
        if (vm.status == VmStatus.DOWN) {
            return false;
        }
        if (LIVE.contains(vm.status) && vm.hostId != null && vm.migratingToHostId == null) {
            return true;
        }
        throw ApiException.conflict("VM " + vm.name + " is " + vm.status + "; NICs are " + what
                + " while it is down, running or paused");
    }
}
