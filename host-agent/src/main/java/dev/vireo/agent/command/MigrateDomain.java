package dev.vireo.agent.command;

import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.DomainStates;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DomainState;
import dev.vireo.protocol.DomainStatus;
import dev.vireo.protocol.MigrationSpec;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

import java.util.regex.Pattern;

/**
 * MIGRATE: live-migrate a running domain to another host, peer to peer (this host's libvirtd connects to the
 * destination's), keeping the definition there and removing it here. Blocks until libvirt has finished or
 * failed; on failure the domain keeps running here, as libvirt guarantees.
 */
public final class MigrateDomain implements DomainCommand {
    /** what the engine may send: a libvirt URI of a remote QEMU driver, nothing that reaches a shell */
    private static final Pattern DESTINATION = Pattern.compile("qemu\\+(tcp|tls|ssh)://[A-Za-z0-9.:\\[\\]-]+/system");

    private final DomainInventory inventory;

    public MigrateDomain(DomainInventory inventory) {
        this.inventory = inventory;
    }

    @Override
    public CommandAction action() {
        return CommandAction.MIGRATE;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String vmId) throws CommandFailure, LibvirtException {
        MigrationSpec migration = command.migration();
        if (migration == null || migration.destinationUri() == null
                || !DESTINATION.matcher(migration.destinationUri()).matches()) {
            throw CommandFailure.invalid("MIGRATE needs a destination like qemu+tcp://HOST/system");
        }
        if (migration.maxDowntimeMs() < 0 || migration.bandwidthMiBps() < 0) {
            throw CommandFailure.invalid("downtime and bandwidth must not be negative");
        }
        Domain domain = Domains.require(inventory, vmId);
        DomainState state = Domains.state(domain);
        if (!DomainStates.isActive(state)) {
            throw CommandFailure.invalid(Domains.describe(domain, state) + "; only a running domain can migrate live");
        }
        if (migration.maxDowntimeMs() > 0) {
            domain.migrateSetMaxDowntime(migration.maxDowntimeMs());
        }
        int flags = Domain.MigrateFlags.LIVE | Domain.MigrateFlags.PEER2PEER | Domain.MigrateFlags.PERSIST_DEST
                | Domain.MigrateFlags.UNDEFINE_SOURCE
                // the image directory is the same path on every host (shared storage), which libvirt cannot
                // prove for a plain directory: it would refuse without this
                | Domain.MigrateFlags.UNSAFE;
        domain.migrateToURI(migration.destinationUri(), flags, null, migration.bandwidthMiBps());
        // the domain now runs on the destination; here it is gone
        return Outcome.of(new DomainStatus(vmId, domain.getName(), DomainState.UNDEFINED, -1));
    }
}
