-- Storage domains that only one host sees (a directory on a host's own disk): "shared" says whether every host
-- of the cluster sees the same files at the domain's path (true for the domains there were so far: nothing
-- changes for them). A disk on a non-shared domain lives on one host, disks.host_id: the VM using it starts
-- there, and a live migration copies it to the destination (libvirt's copy-storage-all) and moves host_id.
alter table storage_domains add column shared boolean not null default true;
alter table disks add column host_id uuid references hosts (id) on delete set null;
create index disks_host on disks (host_id) where host_id is not null;
