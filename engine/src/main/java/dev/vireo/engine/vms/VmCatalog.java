package dev.vireo.engine.vms;

import dev.vireo.engine.agents.AgentCommands;
import dev.vireo.engine.agents.AgentUnavailableException;
import dev.vireo.engine.access.Caller;
import dev.vireo.engine.access.VmAccess;
import dev.vireo.engine.quotas.QuotaGate;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.api.Page;
import dev.vireo.engine.clusters.Cluster;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.hosts.Host;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creating, finding, listing and deleting VMs. Power actions live in {@code vms.actions}. */
@ApplicationScoped
public class VmCatalog {
    private static final Logger LOG = Logger.getLogger(VmCatalog.class);
    private static final Map<String, String> SORTABLE = Map.of(
            "name", "name", "status", "status", "memoryMiB", "memoryMiB", "vcpus", "vcpus",
            "createdAt", "createdAt", "updatedAt", "updatedAt");

    @Inject
    BootPolicy bootPolicy;
    @Inject
    EventLog events;
    @Inject
    AgentCommands commands;
    @Inject
    QuotaGate quotas;

    public VmView create(CreateVmRequest request, Caller caller) {
        return insert(request, caller, bootPolicy.resolve(request.boot(), caller), vm -> { });
    }

    /**
     * Creates the VM row (name unique, quota charged) with this boot; {@code within} runs in the same
     * transaction once the VM exists (a template's clone attaches its disk there).
     */
    public VmView insert(CreateVmRequest request, Caller caller, BootPolicy.Boot boot, java.util.function.Consumer<Vm> within) {
        String actor = caller.name();
        UUID clusterId = request.clusterId() == null ? Cluster.DEFAULT_ID : request.clusterId();
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (Cluster.findById(clusterId) == null) {
                    throw ApiException.invalid("cluster " + clusterId + " does not exist");
                }
                if (Vm.count("name", request.name()) > 0) {
                    throw ApiException.conflict("a VM named '" + request.name() + "' already exists");
                }
                UUID quotaId = quotas.charge(caller, request.vcpus(), request.memoryMiB());
                Vm vm = new Vm();
                vm.id = UUID.randomUUID();
                vm.owner = caller.name();
                vm.quotaId = quotaId;
                vm.clusterId = clusterId;
                vm.name = request.name();
                vm.description = request.description();
                vm.memoryMiB = request.memoryMiB();
                vm.vcpus = request.vcpus();
                vm.bootKernel = boot.kernel();
                vm.bootInitrd = boot.initrd();
                vm.bootCmdline = boot.cmdline();
                vm.bootDisk = boot.diskImage();
                vm.bootSource = boot.source();
                vm.cpuModel = request.cpuModel();
                vm.highlyAvailable = Boolean.TRUE.equals(request.highlyAvailable());
                vm.desiredState = DesiredState.DOWN;
                vm.status = VmStatus.DOWN;
                vm.createdAt = OffsetDateTime.now();
                vm.updatedAt = vm.createdAt;
                vm.persistAndFlush();
                if (request.cloudInit() != null) {
                    dev.vireo.engine.cloudinit.CloudInitStore.keep(vm, request.cloudInit());
                }
                within.accept(vm);
                events.info(actor, "vm.create", "vm", vm.id, vm.name,
                        "VM created (" + vm.memoryMiB + " MiB, " + vm.vcpus + " vCPU"
                                + (vm.highlyAvailable ? ", highly available" : "") + ")");
                return VmView.of(vm, null);
            });
        } catch (PersistenceException e) {
            // lost a race with another create of the same name: the unique constraint decides
            throw ApiException.conflict("a VM named '" + request.name() + "' already exists");
        }
    }

    public VmView get(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = Vm.findById(id);
            if (vm == null) {
                throw ApiException.notFound("VM", id);
            }
            return VmView.of(vm, vm.hostId == null ? null : hostNames(Set.of(vm.hostId)).get(vm.hostId));
        });
    }

    /** A page of the VMs the caller may see. */
    public Page<VmView> list(Caller caller, Integer offset, Integer limit, String sort, String dir, String q, VmStatus status,
                             UUID hostId) {
        int off = Page.offset(offset);
        int lim = Page.limit(limit);
        String field = SORTABLE.get(sort == null ? "name" : sort);
        if (field == null) {
            throw ApiException.invalid("sort must be one of " + SORTABLE.keySet().stream().sorted().toList());
        }
        if (dir != null && !dir.equals("asc") && !dir.equals("desc")) {
            throw ApiException.invalid("dir must be asc or desc");
        }
        Sort order = "desc".equals(dir) ? Sort.descending(field, "id") : Sort.ascending(field, "id");
        StringBuilder where = new StringBuilder("from Vm v where 1 = 1");
        Parameters params = new Parameters();
        if (!caller.admin()) {
            where.append(" and ").append(VmAccess.VISIBLE);
            VmAccess.visibleParameters(caller).map().forEach(params::and);
        }
        if (q != null && !q.isBlank()) {
            if (q.length() > 64) {
                throw ApiException.invalid("q must be at most 64 characters");
            }
            where.append(" and lower(v.name) like :q escape '\\'");
            params.and("q", "%" + q.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (status != null) {
            where.append(" and v.status = :status");
            params.and("status", status);
        }
        if (hostId != null) {
            where.append(" and v.hostId = :host");
            params.and("host", hostId);
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = Vm.<Vm>find(where.toString(), order, params);
            List<Vm> vms = query.range(off, off + lim - 1).list();
            Set<UUID> hostIds = new java.util.HashSet<>();
            vms.forEach(v -> { if (v.hostId != null) hostIds.add(v.hostId); });
            Map<UUID, String> names = hostNames(hostIds);
            return new Page<>(vms.stream().map(v -> VmView.of(v, names.get(v.hostId))).toList(), query.count(), off, lim);
        });
    }

    /**
     * Deletes a DOWN VM. Its leftover libvirt definition on the last host is removed when that host is
     * reachable; if it is not, the VM is deleted anyway and the leftover is reported (and stays harmless:
     * the reconciler reports unknown domains, it never starts them).
     */
    public void delete(UUID id, String actor) {
        record Doomed(String name, UUID lastHostId) {
        }
        Doomed doomed = QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = Vm.findById(id, LockModeType.PESSIMISTIC_WRITE);
            if (vm == null) {
                throw ApiException.notFound("VM", id);
            }
            if (vm.status != VmStatus.DOWN) {
                throw ApiException.conflict("VM " + vm.name + " is " + vm.status + "; stop it before deleting it");
            }
            return new Doomed(vm.name, vm.lastHostId);
        });
        String cleanup = undefineOn(doomed.lastHostId(), id);
        QuarkusTransaction.requiringNew().run(() -> {
            Vm vm = Vm.findById(id, LockModeType.PESSIMISTIC_WRITE);
            if (vm == null) {
                return;
            }
            if (vm.status != VmStatus.DOWN) {
                throw ApiException.conflict("VM " + vm.name + " was started while it was being deleted");
            }
            // its disks stay, free for another VM: without a VM they have no guest device either
            dev.vireo.engine.storage.Disk.update("vmId = null, target = null where vmId = ?1", id);
            vm.delete();
            events.info(actor, "vm.delete", "vm", id, doomed.name(), "VM deleted" + cleanup);
        });
    }

    private String undefineOn(UUID hostId, UUID vmId) {
        if (hostId == null) {
            return "";
        }
        try {
            AgentMessage.Reply reply = commands.send(hostId, CommandAction.UNDEFINE, vmId, null, null, Duration.ofSeconds(15))
                    .get(20, TimeUnit.SECONDS);
            return reply.ok() ? "" : "; removing its definition from its last host failed: " + reply.error();
        } catch (AgentUnavailableException e) {
            return "; its last host is not connected, its libvirt definition may remain there";
        } catch (ExecutionException | TimeoutException e) {
            return "; removing its definition from its last host failed: " + AgentCommands.describe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "; interrupted while removing its definition";
        }
    }

    private static Map<UUID, String> hostNames(Set<UUID> ids) {
        Map<UUID, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            Host.<Host>list("id in ?1", ids).forEach(h -> names.put(h.id, h.name));
        }
        return names;
    }
}
