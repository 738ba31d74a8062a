package dev.vireo.agent.guest;

import dev.vireo.agent.libvirt.LibvirtNative;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * Shutdown and reboot through the guest agent when the guest has one answering, through ACPI otherwise (as oVirt
 * does): the agent shuts a guest down cleanly even where it ignores the power button. libvirt-java 0.5.4 has
 * {@code reboot(flags)} but no {@code shutdownFlags}, so that one call goes to libvirt's C function through JNA
 * with the domain's own pointer.
 */
public final class GuestPower {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(GuestPower.class);
    /** how the guest was asked; told to the engine in the command's reply */
    public static final String BY_GUEST_AGENT = "guest-agent";
    public static final String BY_ACPI = "acpi";
    static final int SHUTDOWN_ACPI = 1;          // VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN
    static final int SHUTDOWN_GUEST_AGENT = 2;   // VIR_DOMAIN_SHUTDOWN_GUEST_AGENT
    static final int REBOOT_ACPI = 1;            // VIR_DOMAIN_REBOOT_ACPI_POWER_BTN
    static final int REBOOT_GUEST_AGENT = 2;     // VIR_DOMAIN_REBOOT_GUEST_AGENT

    private GuestPower() {
    }

    /** Asks the guest to shut down; returns how. */
    public static String shutdown(Domain domain) throws LibvirtException {
        if (agentAnswers(domain) && shutdownFlags(domain, SHUTDOWN_GUEST_AGENT)) {
            return BY_GUEST_AGENT;
        }
        domain.shutdown();
        return BY_ACPI;
    }

    /** Asks the guest to reboot; returns how. */
    public static String reboot(Domain domain) throws LibvirtException {
        if (agentAnswers(domain)) {
            try {
                domain.reboot(REBOOT_GUEST_AGENT);
                return BY_GUEST_AGENT;
            } catch (LibvirtException e) {
                // the agent went away between the ping and the reboot: the power button still works
                LOG.infof("reboot through the guest agent of %s failed (%s); using ACPI", domain.getName(), e.getMessage());
            }
        }
        domain.reboot(0);
        return BY_ACPI;
    }

    /** A quick guest-ping, so that a guest without an agent does not cost libvirt's agent timeout. */
    static boolean agentAnswers(Domain domain) {
        try {
            GuestAgent.call(domain, "guest-ping");
            return true;
        } catch (LibvirtException | RuntimeException e) {
            LOG.debugf("no guest agent answers in %s: %s", domain, e.getMessage());
            return false;
        }
    }

    /** virDomainShutdownFlags; false when libvirt refused (the caller falls back), never throws. */
    static boolean shutdownFlags(Domain domain, int flags) {
        try {
            return LibvirtNative.function("virDomainShutdownFlags")
                    .invokeInt(new Object[]{LibvirtNative.pointer(domain), flags}) == 0;
        } catch (ReflectiveOperationException | RuntimeException | UnsatisfiedLinkError e) {
            return false;
        }
    }
}
