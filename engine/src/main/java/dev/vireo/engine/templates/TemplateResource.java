package dev.vireo.engine.templates;

import dev.vireo.engine.api.ObjectName;
import dev.vireo.engine.access.CurrentCaller;
import dev.vireo.engine.api.ApiException;
import dev.vireo.engine.events.EventLog;
import dev.vireo.engine.storage.Disk;
import dev.vireo.engine.storage.VmDiskAttachment;
import dev.vireo.engine.storage.Disks;
import dev.vireo.engine.vms.Vm;
import dev.vireo.engine.vms.VmStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Templates: everyone may read them and create VMs from them ({@code POST /vms} with {@code templateId});
 * administrators make them from stopped VMs (the VM's disk is copied into the template's base) and
 * delete them once no clone uses them.
 */
@Path("/api/v1/templates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class TemplateResource {

    public record TemplateView(UUID id, String name, String description, String osName, int memoryMiB, int vcpus,
                               String kernel, String initrd, String cmdline, UUID diskId, Long diskSizeBytes, long clones,
                               OffsetDateTime createdAt, String createdBy) {
    }

    /**
     * From a stopped VM ({@code vmId}: its boot disk is copied), or from a disk no VM uses ({@code diskId}, an
     * imported OS image: it becomes the base itself) with the boot, OS name and default size given here.
     */
    public record CreateTemplate(
            UUID vmId,
            UUID diskId,
            @ObjectName
            String name,
            @Size(max = 1024) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
            String description,
            @Size(max = 128) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
            String osName,
            @Size(max = 1024) String kernel,
            @Size(max = 1024) String initrd,
            @Size(max = 1024) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
            String cmdline,
            @Min(value = 16, message = "must be at least 16 (MiB)") @Max(value = 1_048_576, message = "must be at most 1048576 (1 TiB)")
            Integer memoryMiB,
            @Min(1) @Max(256) Integer vcpus) {
    }

    @Inject
    Disks disks;
    @Inject
    CurrentCaller caller;
    @Inject
    EventLog events;
    @Inject
    TemplateFromDisk fromDisk;

    @GET
    public List<TemplateView> list() {
        caller.get();
        return QuarkusTransaction.requiringNew().call(() -> Template.<Template>findAll(Sort.ascending("name")).list()
                .stream().map(TemplateResource::view).toList());
    }

    @GET
    @Path("{id}")
    public TemplateView get(@PathParam("id") UUID id) {
        caller.get();
        return QuarkusTransaction.requiringNew().call(() -> view(find(id)));
    }

    @POST
    @RolesAllowed(CurrentCaller.ADMIN_ROLE)
    public Response create(@Valid @NotNull CreateTemplate request) {
        if ((request.vmId() == null) == (request.diskId() == null)) {
            throw ApiException.invalid("give either vmId (a stopped VM to copy) or diskId (a disk no VM uses)");
        }
        if (request.diskId() != null) {
            Template made = fromDisk.create(request, caller.name());
            return Response.created(URI.create("/api/v1/templates/" + made.id))
                    .entity(QuarkusTransaction.requiringNew().call(() -> view(Template.findById(made.id)))).build();
        }
        if (request.kernel() != null || request.initrd() != null || request.memoryMiB() != null || request.vcpus() != null) {
            throw ApiException.invalid("a template made from a VM takes its boot and size from the VM");
        }
        record Source(Vm vm, Disk disk) {
        }
        Source source = QuarkusTransaction.requiringNew().call(() -> {
            Vm vm = Vm.findById(request.vmId());
            if (vm == null) {
                throw ApiException.invalid("VM " + request.vmId() + " does not exist");
            }
            if (vm.status != VmStatus.DOWN) {
                throw ApiException.conflict("VM " + vm.name + " is " + vm.status + "; a template is made from a stopped VM");
            }
            if (Template.count("name", request.name()) > 0) {
                throw ApiException.conflict("a template named '" + request.name() + "' already exists");
            }
            VmDiskAttachment.refuseShared(vm.id, vm.name, "templates are not made from");
            // the boot disk is the template's base; other disks stay with the VM
            return new Source(vm, Disk.<Disk>find("vmId = ?1 and target = ?2", vm.id, Disk.BOOT_TARGET).firstResult());
        });
        UUID id = UUID.randomUUID();
        Disk base = source.disk() == null ? null : disks.create(request.name() + "-base", source.disk().storageDomainId,
                new Disks.Origin.Copy(source.disk()), true, caller.name(), d -> { });
        try {
            Template t = QuarkusTransaction.requiringNew().call(() -> {
                Template tpl = new Template();
                tpl.id = id;
                tpl.name = request.name();
                tpl.description = request.description();
                tpl.osName = request.osName();
                tpl.memoryMiB = source.vm().memoryMiB;
                tpl.vcpus = source.vm().vcpus;
                tpl.bootKernel = source.vm().bootKernel;
                tpl.bootInitrd = source.vm().bootInitrd;
                tpl.bootCmdline = source.vm().bootCmdline;
                tpl.diskId = base == null ? null : base.id;
                tpl.createdAt = OffsetDateTime.now();
                tpl.createdBy = caller.name();
                tpl.persistAndFlush();
                events.info(caller.name(), "template.create", "template", tpl.id, tpl.name,
                        "template made from VM " + source.vm().name + (base == null ? " (no disk)" : ""));
                return tpl;
            });
            return Response.created(URI.create("/api/v1/templates/" + id))
                    .entity(QuarkusTransaction.requiringNew().call(() -> view(Template.findById(t.id)))).build();
        } catch (PersistenceException e) {
            if (base != null) {
                disks.delete(base.id, caller.name());
            }
            throw ApiException.conflict("a template named '" + request.name() + "' already exists");
        }
    }

    /** Refused while VMs' disks are thin clones of its base: deleting it would take their data away. */
    @DELETE
    @Path("{id}")
    @RolesAllowed(CurrentCaller.ADMIN_ROLE)
    public Response delete(@PathParam("id") UUID id) {
        UUID baseId = QuarkusTransaction.requiringNew().call(() -> {
            Template t = find(id);
            if (t.diskId != null) {
                List<String> users = Disk.<Disk>list("backingDiskId", t.diskId).stream()
                        .map(d -> d.vmId == null ? "disk " + d.name : vmName(d.vmId)).toList();
                if (!users.isEmpty()) {
                    throw ApiException.conflict("template " + t.name + " is the base of " + users.size()
                            + " thin clone(s) (" + String.join(", ", users.subList(0, Math.min(5, users.size())))
                            + "); delete them first");
                }
            }
            t.delete();
            events.info(caller.name(), "template.delete", "template", id, t.name, "template deleted");
            return t.diskId;
        });
        if (baseId != null) {
            disks.delete(baseId, caller.name());
        }
        return Response.noContent().build();
    }

    static Template find(UUID id) {
        Template t = Template.findById(id);
        if (t == null) {
            throw ApiException.notFound("template", id);
        }
        return t;
    }

    private static String vmName(UUID vmId) {
        Vm vm = Vm.findById(vmId);
        return vm == null ? "a deleted VM" : "VM " + vm.name;
    }

    private static TemplateView view(Template t) {
        Disk base = t.diskId == null ? null : Disk.findById(t.diskId);
        long clones = t.diskId == null ? 0 : Disk.count("backingDiskId", t.diskId);
        return new TemplateView(t.id, t.name, t.description, t.osName, t.memoryMiB, t.vcpus, t.bootKernel, t.bootInitrd,
                t.bootCmdline, t.diskId, base == null ? null : base.sizeBytes, clones, t.createdAt, t.createdBy);
    }
}
