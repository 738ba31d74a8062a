-- Vireo foundation schema: clusters, hosts, VMs (desired and actual state), audit events, jobs.

CREATE TABLE clusters (
    id           uuid PRIMARY KEY,
    name         varchar(64)  NOT NULL,
    description  varchar(1024),
    created_at   timestamptz  NOT NULL DEFAULT now(),
    version      bigint       NOT NULL DEFAULT 0,
    CONSTRAINT clusters_name_unique UNIQUE (name)
);

-- every installation starts with one cluster, like oVirt's "Default"
INSERT INTO clusters (id, name, description)
VALUES ('00000000-0000-4000-8000-000000000001', 'Default', 'Created at installation');

CREATE TABLE hosts (
    id               uuid PRIMARY KEY,
    cluster_id       uuid         NOT NULL REFERENCES clusters (id),
    name             varchar(253) NOT NULL,
    status           varchar(32)  NOT NULL,
    credential_hash  varchar(128) NOT NULL,
    cpu_model        varchar(256),
    cpu_count        integer,
    memory_mib       bigint,
    free_memory_mib  bigint,
    libvirt_version  varchar(64),
    qemu_version     varchar(64),
    libvirt_uri      varchar(512),
    domain_type      varchar(16),
    image_dirs       varchar(4096),
    agent_version    varchar(64),
    last_heartbeat   timestamptz,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    version          bigint       NOT NULL DEFAULT 0,
    CONSTRAINT hosts_name_unique UNIQUE (name)
);
CREATE INDEX hosts_cluster_idx ON hosts (cluster_id);

CREATE TABLE vms (
    id             uuid PRIMARY KEY,
    cluster_id     uuid          NOT NULL REFERENCES clusters (id),
    name           varchar(64)   NOT NULL,
    description    varchar(1024),
    memory_mib     integer       NOT NULL,
    vcpus          integer       NOT NULL,
    boot_kernel    varchar(1024),
    boot_initrd    varchar(1024),
    boot_cmdline   varchar(1024),
    boot_disk      varchar(1024),
    desired_state  varchar(16)   NOT NULL,  -- UP or DOWN: what the user asked for
    status         varchar(32)   NOT NULL,  -- what the hosts report
    host_id        uuid REFERENCES hosts (id),   -- where it runs now (null when DOWN)
    last_host_id   uuid REFERENCES hosts (id),   -- where its domain was last defined (to clean it up)
    vnc_port       integer,
    created_at     timestamptz   NOT NULL DEFAULT now(),
    updated_at     timestamptz   NOT NULL DEFAULT now(),
    version        bigint        NOT NULL DEFAULT 0,
    CONSTRAINT vms_name_unique UNIQUE (name),
    CONSTRAINT vms_memory_positive CHECK (memory_mib > 0),
    CONSTRAINT vms_vcpus_positive CHECK (vcpus > 0)
);
CREATE INDEX vms_host_idx ON vms (host_id);
CREATE INDEX vms_status_idx ON vms (status);
CREATE INDEX vms_cluster_idx ON vms (cluster_id);

-- the audit log: who did what, when, to which object
CREATE TABLE events (
    id           bigserial PRIMARY KEY,
    at           timestamptz  NOT NULL DEFAULT now(),
    severity     varchar(16)  NOT NULL,
    actor        varchar(256) NOT NULL,
    action       varchar(64)  NOT NULL,
    object_type  varchar(32),
    object_id    uuid,
    object_name  varchar(256),
    message      varchar(4096) NOT NULL
);
CREATE INDEX events_at_idx ON events (at DESC);
CREATE INDEX events_object_idx ON events (object_id);

-- long actions, persisted so that they survive an engine restart
CREATE TABLE jobs (
    id           uuid PRIMARY KEY,
    action       varchar(64)  NOT NULL,
    status       varchar(16)  NOT NULL,  -- PENDING, RUNNING, SUCCEEDED, FAILED
    progress     integer      NOT NULL DEFAULT 0,
    step         varchar(256),
    message      varchar(4096),
    actor        varchar(256) NOT NULL,
    vm_id        uuid,
    host_id      uuid,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    started_at   timestamptz,
    ended_at     timestamptz,
    version      bigint       NOT NULL DEFAULT 0
);
CREATE INDEX jobs_status_idx ON jobs (status);
CREATE INDEX jobs_vm_idx ON jobs (vm_id);
