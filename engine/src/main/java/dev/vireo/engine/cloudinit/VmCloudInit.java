package dev.vireo.engine.cloudinit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A VM's cloud-init data as accepted: checked, the password hashed. Rendered for the guest by {@link CloudInitDocuments}. */
@Entity
@Table(name = "vm_cloud_init")
public class VmCloudInit extends PanacheEntityBase {
    @Id
    @Column(name = "vm_id")
    public UUID vmId;
    @Column(name = "user_name")
    public String userName;
    /** one key per line */
    @Column(name = "ssh_authorized_keys")
    public String sshAuthorizedKeys;
    @Column(name = "password_hash")
    public String passwordHash;
    @Column(nullable = false)
    public String hostname;
    @Column(name = "user_data")
    public String userData;
    @Column(name = "ip_address")
    public String ipAddress;
    public String gateway;
    /** comma-separated */
    public String dns;
}
