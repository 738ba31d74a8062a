-- Live migration: where a host takes migrations from its peers, and where a VM is moving to.
ALTER TABLE hosts ADD COLUMN migration_uri varchar(512);
-- booked on the destination while the VM moves, so the scheduler counts it there too
ALTER TABLE vms ADD COLUMN migrating_to_host_id uuid REFERENCES hosts (id);
