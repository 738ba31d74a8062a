package dev.vireo.agent.network;

import dev.vireo.agent.command.CommandFailure;
import dev.vireo.agent.command.DomainCommand;
import dev.vireo.agent.command.Outcome;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;

/** The engine heard this host after a setup was applied: the waiting {@link SetupNetworks} keeps it. */
public final class ConfirmNetworks implements DomainCommand {
    private final Confirmations confirmations;

    public ConfirmNetworks(Confirmations confirmations) {
        this.confirmations = confirmations;
    }

    @Override
    public CommandAction action() {
        return CommandAction.CONFIRM_NETWORKS;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String setupId) throws CommandFailure {
        if (!confirmations.confirm(setupId)) {
            throw CommandFailure.notFound("no network setup " + setupId + " waits for a confirmation (rolled back?)");
        }
        return new Outcome(null, "confirmed");
    }
}
