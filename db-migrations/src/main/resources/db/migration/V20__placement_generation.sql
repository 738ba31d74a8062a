-- Bumped by every holder of a cluster's placement lock (start batches, migrations, evacuations, any engine
-- replica): a placement batch may reuse the hosts' load the previous batch left only when nobody else held
-- the lock in between. Not mapped by the Cluster entity, so editing a cluster never writes it.
alter table clusters add column placement_generation bigint not null default 0;
