package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of {@code POST /api/v1/vms}; the engine validates it and answers with a problem if it is wrong. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewVm(
        String name,
        long memoryMiB,
        int vcpus,
        String description,
        String clusterId,
        BootSpec boot,
        String templateId,
        CloudInit cloudInit) {

    public NewVm(String name, long memoryMiB, int vcpus) {
        this(name, memoryMiB, vcpus, null, null, null, null, null);
    }

    /** Who may log in to a VM made from a template (NoCloud); the engine hashes the password and never shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CloudInit(String user, java.util.List<String> sshAuthorizedKeys, String password, Ip ip) {
    }

    /** Static addressing of the first NIC; absent: DHCP. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ip(String address, String gateway) {
    }
}
