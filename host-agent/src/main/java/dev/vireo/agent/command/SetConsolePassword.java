package dev.vireo.agent.command;

import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.DomainStates;
import dev.vireo.agent.libvirt.DomainXml;
import dev.vireo.agent.libvirt.SafeXml;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.ConsoleSpec;
import dev.vireo.protocol.DomainState;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SET_CONSOLE_PASSWORD: a one-time password for the running domain's VNC display, which QEMU refuses after
 * {@link ConsoleSpec#validUntilEpochSec()}; the reply's figures carry {@code vnc_port}. libvirt changes a VNC
 * password live by "updating" the graphics device with the same port and listen address and a new
 * passwd/passwdValidTo. A new password replaces the previous one; open VNC sessions stay open.
 */
public final class SetConsolePassword implements DomainCommand {
    /** VNC authentication uses 8 characters at most; letters and digits survive every layer unescaped */
    static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9]{1,8}");
    /** a ticket is for connecting now, not a standing credential */
    static final Duration MAX_VALIDITY = Duration.ofHours(1);

    private final DomainInventory inventory;
    private final Clock clock;

    public SetConsolePassword(DomainInventory inventory) {
        this(inventory, Clock.systemUTC());
    }

    SetConsolePassword(DomainInventory inventory, Clock clock) {
        this.inventory = inventory;
        this.clock = clock;
    }

    @Override
    public CommandAction action() {
        return CommandAction.SET_CONSOLE_PASSWORD;
    }

    @Override
    public Outcome execute(AgentMessage.Command command, String vmId) throws CommandFailure, LibvirtException {
        Instant validUntil = validUntil(command.console(), clock.instant());
        Domain domain = Domains.require(inventory, vmId);
        DomainState state = Domains.state(domain);
        if (!DomainStates.isActive(state)) {
            throw CommandFailure.invalid(Domains.describe(domain, state) + "; only a running domain has a console");
        }
        // SECURE: the passwd attribute shows whether QEMU was started with password authentication at all
        Element vnc = vncGraphics(domain.getXMLDesc(Domain.XMLFlags.SECURE), domain.getName());
        int port = Integer.parseInt(vnc.getAttribute("port"));
        domain.updateDeviceFlags(DomainXml.vncGraphics(port, vnc.getAttribute("listen"),
                command.console().password(), validUntil), Domain.DeviceModifyFlags.LIVE);
        return new Outcome(DomainInventory.statusOf(domain), null, Map.of("vnc_port", (long) port));
    }

    /** The ticket's expiry, after checking the password and that the expiry lies within the next hour. */
    static Instant validUntil(ConsoleSpec console, Instant now) throws CommandFailure {
        if (console == null) {
            throw CommandFailure.invalid("SET_CONSOLE_PASSWORD needs a console spec");
        }
        if (console.password() == null || !PASSWORD.matcher(console.password()).matches()) {
            throw CommandFailure.invalid("console password must be 1..8 letters or digits");
        }
        // compared as numbers: Instant.ofEpochSecond would throw on a far-off value
        long validUntil = console.validUntilEpochSec();
        if (validUntil <= now.getEpochSecond()) {
            throw CommandFailure.invalid("console password validity must end in the future, not at epoch second "
                    + validUntil + " (now " + now.getEpochSecond() + ")");
        }
        if (validUntil > now.getEpochSecond() + MAX_VALIDITY.toSeconds()) {
            throw CommandFailure.invalid("console password validity (epoch second " + validUntil + ") is more than "
                    + MAX_VALIDITY.toMinutes() + " minutes ahead (now " + now.getEpochSecond() + ")");
        }
        return Instant.ofEpochSecond(validUntil);
    }

    /** The live VNC {@code <graphics>} element, once it has a TCP port and password authentication. */
    static Element vncGraphics(String liveXml, String domainName) throws CommandFailure {
        NodeList graphics = SafeXml.parse(liveXml).getElementsByTagName("graphics");
        for (int i = 0; i < graphics.getLength(); i++) {
            Element element = (Element) graphics.item(i);
            if (!"vnc".equals(element.getAttribute("type"))) {
                continue;
            }
            if (!element.getAttribute("port").matches("[1-9][0-9]{0,4}") || element.getAttribute("listen").isEmpty()) {
                throw CommandFailure.invalid("domain " + domainName + " has no VNC TCP port");
            }
            if (!element.hasAttribute("passwd")) {
                throw CommandFailure.invalid("domain " + domainName + " was started without VNC password "
                        + "authentication; restart it to get a console");
            }
            return element;
        }
        throw CommandFailure.invalid("domain " + domainName + " has no VNC display");
    }
}
