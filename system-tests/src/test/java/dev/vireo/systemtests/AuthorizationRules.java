package dev.vireo.systemtests;

import java.util.List;

/**
 * The authorization matrix's expectations: one row per endpoint with the status each caller (nobody, alice,
 * bob, admin) must get, the request bodies they send, and the websocket upgrades. {@link AuthorizationMatrixTest}
 * makes the objects, sends every call and checks the effects a table cannot say.
 */
final class AuthorizationRules {
    private AuthorizationRules() {
    }

    private static final String MADE_UP_JOB = "00000000-0000-4000-8000-00000000dead";
    private static final String HOST_NAME = "matrix-host";

    // bodies; {n} is a number unique to each call, the other {…} are the ids found in setup
    private static final String NEW_VM = "{\"name\":\"matrix-vm-{n}\",\"memoryMiB\":128,\"vcpus\":1}";
    /** host paths in a boot spec: only administrators may name files on hosts (another user's disk here) */
    private static final String NEW_VM_ON_A_HOST_FILE = "{\"name\":\"matrix-pathvm-{n}\",\"memoryMiB\":128,\"vcpus\":1,"
            + "\"boot\":{\"diskImage\":\"/var/lib/vireo/images/domains/default/00000000-0000-4000-8000-00000000d15c.qcow2\"}}";
    private static final String CPU_DEFAULT = "{\"cpuModel\":null}";
    private static final String NEW_CLUSTER = "{\"name\":\"matrix-cluster-{n}\"}";
    static final String NEW_PERMISSION = "{\"principalKind\":\"USER\",\"principal\":\"nobody-{n}\","
            + "\"role\":\"USER\",\"objectKind\":\"VM\",\"objectId\":\"{bobVm}\"}";
    static final String NEW_QUOTA = "{\"name\":\"matrix-quota-{n}\",\"principalKind\":\"USER\","
            + "\"principal\":\"nobody-{n}\",\"maxVms\":5}";
    static final String SAME_QUOTA = "{\"name\":\"matrix-quota\",\"principalKind\":\"USER\","
            + "\"principal\":\"matrix-nobody\",\"maxVms\":7}";
    static final String NEW_AFFINITY_GROUP = "{\"name\":\"matrix-ag-{n}\",\"vmPolarity\":\"POSITIVE\","
            + "\"hard\":false,\"vmIds\":[\"{aliceVm}\",\"{bobVm}\"]}";
    static final String ENROLL = "{\"token\":\"{enrollToken}\",\"facts\":{\"hostname\":\"" + HOST_NAME
            + "\",\"cpuModel\":\"lab\",\"cpuCount\":4,\"memoryMiB\":8192,\"domainType\":\"qemu\",\"agentVersion\":\"matrix\"}}";
    private static final String NEW_TEMPLATE = "{\"vmId\":\"{aliceVm}\",\"name\":\"matrix-template-{n}\"}";
    private static final String NEW_STORAGE_DOMAIN = "{\"name\":\"matrix-sd-{n}\",\"path\":\"/var/lib/vireo/images/domains/matrix-{n}\"}";
    private static final String NEW_DISK = "{\"name\":\"matrix-disk-{n}\",\"sizeMiB\":16}";
    private static final String INSERT_UNKNOWN_ISO = "{\"isoId\":\"00000000-0000-4000-8000-00000000dead\"}";
    private static final String ATTACH_UNKNOWN_DISK = "{\"diskId\":\"" + "00000000-0000-4000-8000-00000000dead" + "\"}";
    private static final String NEW_NETWORK = "{\"name\":\"matrix-net-{n}\",\"bridge\":\"vireobr9\"}";
    private static final String NIC_ON_UNKNOWN_NETWORK = "{\"networkId\":\"00000000-0000-4000-8000-00000000beef\"}";
    private static final String NEW_SNAPSHOT = "{\"name\":\"matrix-snap-{n}\",\"withMemory\":false}";
    private static final String TINY_GUEST = "00000000-0000-4000-8000-0000000000e1";
    /** a bulk start answers 200 to everyone signed in; what each VM's outcome says is checked below */
    private static final String BULK_START_ALICE_VM = "{\"vmIds\":[\"{aliceVm}\"]}";
    private static final String RESIZE = "{\"sizeMiB\":32}";
    private static final String REGISTER_MISSING_OVA = "{\"fileName\":\"matrix-missing.ova\",\"name\":\"matrix-ova-{n}\"}";
    private static final String NEW_UPLOAD = "{\"name\":\"matrix-upload-{n}\",\"format\":\"raw\",\"sizeBytes\":1024}";
    private static final String SAME_NETWORK = "{\"name\":\"matrix-net\",\"bridge\":\"vireobr9\"}";
    private static final String SAME_SWITCH_TYPE = "{\"switchType\":\"legacy\"}";
    /** a PUT of raw bytes (an upload's chunk), not JSON */
    private static final String CHUNK = "bytes:0-3/1024";
    /** PUT bodies that leave every field as it is ("fields left out keep their value") */
    private static final String UNCHANGED = "{}";

    record Row(String method, String path, String body, int anonymous, int alice, int bob, int admin) {
        int expected(String caller) {
            return switch (caller) {
                case "anonymous" -> anonymous;
                case "alice" -> alice;
                case "bob" -> bob;
                default -> admin;
            };
        }
    }

    private static Row row(String method, String path, String body, int anonymous, int alice, int bob, int admin) {
        return new Row(method, path, body, anonymous, alice, bob, admin);
    }

    /**
     * One row per endpoint. {@code {fresh…}} in a path is a new object made for that one call (by its
     * owner or the admin), so a DELETE that succeeds never takes away what a later call needs.
     * 409 where allowed: alice-vm is DOWN and no host is UP (the enrolled matrix-host never connects),
     * so it cannot start, stop, reboot, pause, resume, migrate, open a console or show console output.
     */
    static List<Row> matrix() {
        return List.of(
                //  method    path                                                    body                 anon  alice bob   admin
                row("GET",    "/q/health/ready",                                      null,                200,  200,  200,  200),
                row("GET",    "/q/metrics",                                           null,                401,  403,  403,  200),
                row("GET",    "/api/v1/me",                                           null,                401,  200,  200,  200),
                // VMs
                row("GET",    "/api/v1/vms",                                          null,                401,  200,  200,  200),
                row("POST",   "/api/v1/vms",                                          NEW_VM,              401,  201,  201,  201),
                row("POST",   "/api/v1/vms",                                          NEW_VM_ON_A_HOST_FILE, 401, 403,  403,  201),
                row("GET",    "/api/v1/vms/{aliceVm}",                                null,                401,  200,  404,  200),
                row("GET",    "/api/v1/vms/{bobVm}",                                  null,                401,  404,  200,  200),
                row("POST",   "/api/v1/vms/{aliceVm}/start",                          null,                401,  409,  404,  409),
                row("POST",   "/api/v1/vms/start",                                    BULK_START_ALICE_VM, 401,  200,  200,  200),
                row("POST",   "/api/v1/vms/{aliceVm}/shutdown",                       null,                401,  409,  404,  409),
                row("POST",   "/api/v1/vms/{aliceVm}/poweroff",                       null,                401,  409,  404,  409),
                row("POST",   "/api/v1/vms/{aliceVm}/reboot",                         null,                401,  409,  404,  409),
                row("POST",   "/api/v1/vms/{aliceVm}/pause",                          null,                401,  409,  404,  409),
                row("POST",   "/api/v1/vms/{aliceVm}/resume",                         null,                401,  409,  404,  409),
                row("POST",   "/api/v1/vms/{aliceVm}/migrate",                        null,                401,  403,  403,  409),
                row("GET",    "/api/v1/vms/{aliceVm}/console-log",                    null,                401,  409,  404,  409),
                row("POST",   "/api/v1/vms/{aliceVm}/console",                        null,                401,  409,  404,  409),
                row("GET",    "/api/v1/vms/{aliceVm}/placement",                      null,                401,  403,  403,  200),
                row("DELETE", "/api/v1/vms/{freshAliceVm}",                           null,                401,  204,  404,  204),
                // jobs (none exists without a host; a made-up id is unknown to all)
                row("GET",    "/api/v1/jobs",                                         null,                401,  200,  200,  200),
                row("GET",    "/api/v1/jobs/" + MADE_UP_JOB,                          null,                401,  404,  404,  404),
                row("POST",   "/api/v1/jobs/" + MADE_UP_JOB + "/cancel",              null,                401,  404,  404,  404),
                // audit log: whole for admins, one VM's for those who may use it
                row("GET",    "/api/v1/events",                                       null,                401,  403,  403,  200),
                row("GET",    "/api/v1/events?objectId={aliceVm}",                    null,                401,  200,  404,  200),
                row("GET",    "/api/v1/events?objectId={bobVm}",                      null,                401,  404,  200,  200),
                // clusters: everyone reads them, admins change them
                row("GET",    "/api/v1/clusters",                                     null,                401,  200,  200,  200),
                row("GET",    "/api/v1/clusters/{cluster}",                           null,                401,  200,  200,  200),
                row("POST",   "/api/v1/clusters",                                     NEW_CLUSTER,         401,  403,  403,  201),
                // the matrix's host reports no CPU models, so any name passes the offer check; null restores the default
                row("PUT",    "/api/v1/clusters/{cluster}/cpu",                       CPU_DEFAULT,         401,  403,  403,  200),
                row("GET",    "/api/v1/clusters/{cluster}/migration",                 null,                401,  403,  403,  200),
                row("PUT",    "/api/v1/clusters/{cluster}/migration",                 UNCHANGED,           401,  403,  403,  200),
                row("GET",    "/api/v1/clusters/{cluster}/scheduling",                null,                401,  403,  403,  200),
                row("PUT",    "/api/v1/clusters/{cluster}/scheduling",                UNCHANGED,           401,  403,  403,  200),
                row("GET",    "/api/v1/clusters/{cluster}/affinitygroups",            null,                401,  403,  403,  200),
                row("POST",   "/api/v1/clusters/{cluster}/affinitygroups",            NEW_AFFINITY_GROUP,  401,  403,  403,  201),
                row("GET",    "/api/v1/clusters/{cluster}/affinitygroups/{affinityGroup}", null,           401,  403,  403,  200),
                row("DELETE", "/api/v1/clusters/{cluster}/affinitygroups/{freshAffinityGroup}", null,      401,  403,  403,  204),
                // hosts: administrators only; enrolment is open (the agent proves itself with the enrolment token)
                row("GET",    "/api/v1/hosts",                                        null,                401,  403,  403,  200),
                row("GET",    "/api/v1/hosts/{host}",                                 null,                401,  403,  403,  200),
                row("POST",   "/api/v1/hosts/{host}/maintenance",                     null,                401,  403,  403,  200),
                row("POST",   "/api/v1/hosts/{host}/activate",                        null,                401,  403,  403,  200),
                row("POST",   "/api/v1/hosts/enroll",                                 ENROLL,              200,  200,  200,  200),
                // permissions and quotas: administrators only
                row("GET",    "/api/v1/permissions",                                  null,                401,  403,  403,  200),
                row("POST",   "/api/v1/permissions",                                  NEW_PERMISSION,      401,  403,  403,  201),
                row("DELETE", "/api/v1/permissions/{freshPermission}",                null,                401,  403,  403,  204),
                row("GET",    "/api/v1/quotas",                                       null,                401,  403,  403,  200),
                row("POST",   "/api/v1/quotas",                                       NEW_QUOTA,           401,  403,  403,  201),
                row("GET",    "/api/v1/quotas/{quota}",                               null,                401,  403,  403,  200),
                row("PUT",    "/api/v1/quotas/{quota}",                               SAME_QUOTA,          401,  403,  403,  200),
                row("DELETE", "/api/v1/quotas/{freshQuota}",                          null,                401,  403,  403,  204),
                // storage: templates are for everyone to use, the rest is administration; no host is
                // connected, so making a disk volume is a 409 even for the admin
                row("GET",    "/api/v1/templates",                                    null,                401,  200,  200,  200),
                row("GET",    "/api/v1/templates/" + TINY_GUEST,                      null,                401,  200,  200,  200),
                row("POST",   "/api/v1/templates",                                    NEW_TEMPLATE,        401,  403,  403,  201),
                row("GET",    "/api/v1/storagedomains",                               null,                401,  403,  403,  200),
                row("POST",   "/api/v1/storagedomains",                               NEW_STORAGE_DOMAIN,  401,  403,  403,  201),
                row("GET",    "/api/v1/disks",                                        null,                401,  403,  403,  200),
                row("POST",   "/api/v1/disks",                                        NEW_DISK,            401,  403,  403,  409),
                row("GET",    "/api/v1/vms/{aliceVm}/disks",                          null,                401,  200,  404,  200),
                row("POST",   "/api/v1/vms/{aliceVm}/disks",                          ATTACH_UNKNOWN_DISK, 401,  403,  403,  422),
                row("POST",   "/api/v1/vms/{aliceVm}/save",                           null,                401,  409,  404,  409),
                // OVAs and ISO images are administration; made-up ids are a 404 for the administrator
                row("GET",    "/api/v1/ovas",                                         null,                401,  403,  403,  200),
                row("GET",    "/api/v1/ovas/" + MADE_UP_JOB,                          null,                401,  403,  403,  404),
                row("POST",   "/api/v1/ovas/" + MADE_UP_JOB + "/import",              "{}",                401,  403,  403,  404),
                row("POST",   "/api/v1/vms/" + MADE_UP_JOB + "/export",               null,                401,  403,  403,  404),
                row("GET",    "/api/v1/isos",                                         null,                401,  403,  403,  200),
                row("PUT",    "/api/v1/vms/{aliceVm}/cdrom",                          INSERT_UNKNOWN_ISO,  401,  403,  403,  422),
                row("DELETE", "/api/v1/vms/{aliceVm}/cdrom",                          null,                401,  403,  403,  204),
                // snapshots: alice-vm has no disk, so creating one is a 409 for those who may
                row("GET",    "/api/v1/vms/{aliceVm}/snapshots",                      null,                401,  200,  404,  200),
                row("POST",   "/api/v1/vms/{aliceVm}/snapshots",                      NEW_SNAPSHOT,        401,  409,  404,  409),
                // networks are read by everyone and made by administrators; the VM's owner manages its NICs
                row("GET",    "/api/v1/networks",                                     null,                401,  200,  200,  200),
                row("POST",   "/api/v1/networks",                                     NEW_NETWORK,         401,  403,  403,  201),
                row("GET",    "/api/v1/vms/{aliceVm}/nics",                           null,                401,  200,  404,  200),
                row("GET",    "/api/v1/vms/{aliceVm}/guest",                          null,                401,  200,  404,  200),
                row("POST",   "/api/v1/vms/{aliceVm}/nics",                           NIC_ON_UNKNOWN_NETWORK, 401, 422, 404,  422),
                // unknown NICs, networks and snapshots: 404 for those who may look, 403 for users where only administrators act
                row("DELETE", "/api/v1/vms/{aliceVm}/nics/" + MADE_UP_JOB,            null,                401,  404,  404,  404),
                row("GET",    "/api/v1/networks/" + MADE_UP_JOB,                      null,                401,  404,  404,  404),
                row("PUT",    "/api/v1/networks/" + MADE_UP_JOB,                      SAME_NETWORK,        401,  403,  403,  404),
                row("DELETE", "/api/v1/networks/" + MADE_UP_JOB,                      null,                401,  403,  403,  404),
                row("GET",    "/api/v1/vms/{aliceVm}/snapshots/" + MADE_UP_JOB,       null,                401,  404,  404,  404),
                row("POST",   "/api/v1/vms/{aliceVm}/snapshots/" + MADE_UP_JOB + "/revert", null,          401,  404,  404,  404),
                row("DELETE", "/api/v1/vms/{aliceVm}/snapshots/" + MADE_UP_JOB,       null,                401,  404,  404,  404),
                // host networking and switch types: administration
                row("GET",    "/api/v1/hosts/{host}/nics",                            null,                401,  403,  403,  200),
                row("GET",    "/api/v1/hosts/{host}/networksetup",                    null,                401,  403,  403,  200),
                row("POST",   "/api/v1/hosts/{host}/networksetup",                    UNCHANGED,           401,  403,  403,  409),
                row("GET",    "/api/v1/clusters/{cluster}/switchtype",                null,                401,  403,  403,  200),
                row("PUT",    "/api/v1/clusters/{cluster}/switchtype",                SAME_SWITCH_TYPE,    401,  403,  403,  200),
                // disks, templates, OVAs and uploads by made-up ids: administration, unknown to the administrator
                row("GET",    "/api/v1/disks/" + MADE_UP_JOB,                         null,                401,  403,  403,  404),
                row("POST",   "/api/v1/disks/" + MADE_UP_JOB + "/resize",             RESIZE,              401,  403,  403,  404),
                row("DELETE", "/api/v1/disks/" + MADE_UP_JOB,                         null,                401,  403,  403,  404),
                row("DELETE", "/api/v1/vms/{aliceVm}/disks/" + MADE_UP_JOB,           null,                401,  403,  403,  404),
                row("GET",    "/api/v1/vms/{aliceVm}/cdrom",                          null,                401,  403,  403,  200),
                row("DELETE", "/api/v1/templates/" + MADE_UP_JOB,                     null,                401,  403,  403,  404),
                // registering names a file in the body: a missing one is unprocessable (422), not an unknown resource
                row("POST",   "/api/v1/ovas",                                         REGISTER_MISSING_OVA, 401, 403,  403,  422),
                row("GET",    "/api/v1/ovas/" + MADE_UP_JOB + "/download",            null,                401,  403,  403,  404),
                row("DELETE", "/api/v1/ovas/" + MADE_UP_JOB,                          null,                401,  403,  403,  404),
                row("GET",    "/api/v1/images/uploads",                               null,                401,  403,  403,  200),
                row("POST",   "/api/v1/images/uploads",                               NEW_UPLOAD,          401,  403,  403,  201),
                row("GET",    "/api/v1/images/uploads/" + MADE_UP_JOB,                null,                401,  403,  403,  404),
                row("PUT",    "/api/v1/images/uploads/" + MADE_UP_JOB,                CHUNK,               401,  403,  403,  404),
                row("POST",   "/api/v1/images/uploads/" + MADE_UP_JOB + "/complete",  null,                401,  403,  403,  404),
                row("DELETE", "/api/v1/images/uploads/" + MADE_UP_JOB,                null,                401,  403,  403,  404));
    }

    /** Websocket upgrades: the console needs a ticket (403 without), the agent its host credential (401 without). */
    static final List<Object[]> WEBSOCKETS = List.of(
            //            path                                   anon  alice bob   admin
            new Object[] {"/api/v1/consoles/made-up-ticket",     403,  403,  403,  403},
            new Object[] {"/api/v1/agent/connect",               401,  401,  401,  401});

    static final List<String> CALLERS = List.of("anonymous", "alice", "bob", "admin");
}
