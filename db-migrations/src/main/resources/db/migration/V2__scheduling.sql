-- Scheduling policies per cluster and affinity groups.

ALTER TABLE clusters
    ADD COLUMN scheduling_policy varchar(32)  NOT NULL DEFAULT 'EVENLY_DISTRIBUTED',
    ADD COLUMN vcpu_overcommit   double precision NOT NULL DEFAULT 4.0,
    ADD COLUMN max_vms_per_host  integer      NOT NULL DEFAULT 0,
    ADD COLUMN high_utilization  integer      NOT NULL DEFAULT 80,
    ADD COLUMN low_utilization   integer      NOT NULL DEFAULT 20;

-- the weight factors of a cluster's policy (units not listed count 0)
CREATE TABLE cluster_weight_factors (
    cluster_id  uuid             NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
    unit        varchar(64)      NOT NULL,
    factor      double precision NOT NULL CHECK (factor >= 0),
    PRIMARY KEY (cluster_id, unit)
);
INSERT INTO cluster_weight_factors (cluster_id, unit, factor)
SELECT id, u.unit, u.factor FROM clusters,
       (VALUES ('even_memory', 2.0), ('even_cpu', 1.0), ('soft_affinity', 3.0)) AS u (unit, factor);

CREATE TABLE affinity_groups (
    id             uuid PRIMARY KEY,
    cluster_id     uuid         NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
    name           varchar(64)  NOT NULL,
    vm_polarity    varchar(16)  NOT NULL,  -- POSITIVE, NEGATIVE, NONE
    host_polarity  varchar(16)  NOT NULL,
    hard           boolean      NOT NULL,
    created_at     timestamptz  NOT NULL DEFAULT now(),
    version        bigint       NOT NULL DEFAULT 0,
    CONSTRAINT affinity_groups_name_unique UNIQUE (cluster_id, name)
);

CREATE TABLE affinity_group_vms (
    group_id  uuid NOT NULL REFERENCES affinity_groups (id) ON DELETE CASCADE,
    vm_id     uuid NOT NULL REFERENCES vms (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, vm_id)
);
CREATE INDEX affinity_group_vms_vm_idx ON affinity_group_vms (vm_id);

CREATE TABLE affinity_group_hosts (
    group_id  uuid NOT NULL REFERENCES affinity_groups (id) ON DELETE CASCADE,
    host_id   uuid NOT NULL REFERENCES hosts (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, host_id)
);
