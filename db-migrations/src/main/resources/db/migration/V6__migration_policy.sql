-- Per-cluster live migration policy.
ALTER TABLE clusters
    ADD COLUMN migration_max_downtime_ms   integer NOT NULL DEFAULT 0,     -- 0: libvirt's default (300 ms)
    ADD COLUMN migration_bandwidth_mibps   integer NOT NULL DEFAULT 0,     -- 0: no cap
    ADD COLUMN migration_parallel_per_host integer NOT NULL DEFAULT 2,
    ADD COLUMN migration_auto_converge     boolean NOT NULL DEFAULT false,
    ADD COLUMN migration_post_copy         boolean NOT NULL DEFAULT false;
