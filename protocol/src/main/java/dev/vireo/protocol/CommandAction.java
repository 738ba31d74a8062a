package dev.vireo.protocol;

/** What the engine can ask an agent to do with a domain. */
public enum CommandAction {
    /** define the domain from {@link DomainSpec} (replacing an older definition) and start it */
    START,
    /** ACPI shutdown, the guest decides */
    SHUTDOWN,
    /** pull the plug */
    POWEROFF,
    REBOOT,
    PAUSE,
    RESUME,
    /** remove the definition (the domain must not run) */
    UNDEFINE,
    /** read the tail of the serial console log */
    READ_SERIAL_LOG,
    /** live-migrate the running domain to {@link MigrationSpec#destinationUri()} */
    MIGRATE,
    /** abort the domain's running job (a migration); runs beside the command it aborts */
    ABORT_JOB,
    /**
     * set a one-time VNC password with an expiry ({@link ConsoleSpec}) on the running domain; the reply's
     * figures carry {@code vnc_port}
     */
    SET_CONSOLE_PASSWORD,
    /** create a qcow2 volume ({@link VolumeSpec}): empty of a size, or a thin clone over a backing volume */
    CREATE_VOLUME,
    /** copy a volume (any format qemu-img reads) into a new standalone qcow2 volume */
    COPY_VOLUME,
    /** grow a volume to {@link VolumeSpec#sizeBytes()} */
    RESIZE_VOLUME,
    /** remove a volume's file; removing one that is already gone succeeds */
    DELETE_VOLUME,
    /**
     * save the running domain's memory and state to {@link VolumeSpec#path()} and stop it; a START whose
     * spec names that file in {@link DomainSpec#restoreFrom()} resumes it, on this host or another
     */
    SAVE_DOMAIN,
    /**
     * snapshot the VM ({@link SnapshotSpec}): with memory while its domain runs (through libvirt; the reply's
     * text is the snapshot XML to keep for revert and delete), disk-only with qemu-img while it is down
     */
    CREATE_SNAPSHOT,
    /**
     * bring the VM back to a snapshot: a memory snapshot resumes the running guest as it was; a disk-only one
     * leaves the domain shut off with its disk as it was
     */
    REVERT_SNAPSHOT,
    /** remove a snapshot from the VM's disk; removing one that is already gone succeeds */
    DELETE_SNAPSHOT,
    /**
     * change the host's network setup to {@link NetworkSetupSpec}: the agent applies it, reports progress
     * "applied", and waits for CONFIRM_NETWORKS; without it in {@link NetworkSetupSpec#confirmSeconds()} it
     * restores the previous setup and fails the command (errorKind "rolled-back")
     */
    SETUP_NETWORKS,
    /** the engine heard the agent after a SETUP_NETWORKS: the new setup stays; runs beside the command it confirms */
    CONFIRM_NETWORKS,
    /** hot-plug {@link AgentMessage.Command#disk()} into the running domain (live, and its persistent definition) */
    ATTACH_DISK,
    /** hot-unplug {@link AgentMessage.Command#disk()} from the running domain; done once the guest released it */
    DETACH_DISK,
    /**
     * hot-plug {@link AgentMessage.Command#nic()} into the running domain (live, and its persistent definition);
     * a NIC with that MAC there already is the same NIC: done
     */
    ATTACH_NIC,
    /**
     * hot-unplug the NIC with {@link AgentMessage.Command#nic()}'s MAC from the running domain; done once the guest
     * released it; a NIC that is not there is already unplugged
     */
    DETACH_NIC
}
