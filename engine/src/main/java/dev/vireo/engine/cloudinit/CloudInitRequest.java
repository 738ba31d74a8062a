package dev.vireo.engine.cloudinit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * {@code cloudInit} of {@code POST /vms}: who may log in to the new guest and how it is addressed, given to the
 * guest as a NoCloud {@code cidata} volume. Either the generated user ({@code user}, keys, password) or an
 * expert's own {@code userData} (a {@code #cloud-config} document), not both; the hostname and addressing apply to
 * either. Checked further by {@link CloudInitChecks}.
 *
 * @param user              the account made in the guest (default {@code debian}), with passwordless sudo
 * @param password          hashed here (SHA-512 crypt) and never stored, echoed or logged in the clear
 * @param passwordHash      an already hashed password ({@code $6$…} or {@code $5$…}), instead of {@code password}
 * @param hostname          default: the VM's name made a valid host name
 * @param ip                static addressing of the first NIC; absent: DHCP
 */
public record CloudInitRequest(
        @Pattern(regexp = "[a-z_][a-z0-9_-]{0,31}", message = "must be a Linux user name: a lower-case letter or '_', "
                + "then at most 31 lower-case letters, digits, '_' or '-'")
        String user,
        @Size(max = 32, message = "at most 32 keys")
        List<@NotNull @Size(max = 16384, message = "a key is at most 16384 characters") String> sshAuthorizedKeys,
        @Size(min = 8, max = 256, message = "must be 8 to 256 characters")
        String password,
        @Size(max = 512)
        @Pattern(regexp = "\\$(6|5)\\$(rounds=[0-9]{4,9}\\$)?[./A-Za-z0-9]{1,16}\\$[./A-Za-z0-9]{43,86}",
                message = "must be a SHA-512 or SHA-256 crypt hash ($6$salt$… or $5$salt$…)")
        String passwordHash,
        @Pattern(regexp = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?",
                message = "must be a host name: letters, digits and '-', at most 63, not starting or ending with '-'")
        String hostname,
        @Size(max = CloudInitChecks.MAX_USER_DATA, message = "must be at most 65536 characters")
        String userData,
        @Valid IpConfig ip) {

    /**
     * @param address the first NIC's address with its prefix length ({@code 10.79.0.10/24}, {@code fd00::5/64})
     * @param gateway the default route, or absent
     * @param dns     name servers, at most 3
     */
    public record IpConfig(
            @NotNull @Size(max = 64) String address,
            @Size(max = 64) String gateway,
            @Size(max = 3, message = "at most 3 name servers") List<@NotNull @Size(max = 64) String> dns) {
    }
}
