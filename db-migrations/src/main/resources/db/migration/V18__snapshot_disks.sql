-- Snapshots of VMs with several disks: which disks a snapshot covers, each on the guest device it had, and
-- which it left out and why (a shareable raw disk, the CD-ROM), as the VM had them when it was taken.
-- A covered disk holds the snapshot inside its qcow2 file under the snapshot's id; deleting that disk takes
-- its part with it (disk_id becomes null, its name and device stay), after which the snapshot can no longer
-- be reverted to, only deleted. snapshots.disk_id stays: the boot disk's, as before.

create table snapshot_disks (
    snapshot_id uuid not null references snapshots (id) on delete cascade,
    -- the guest device at the snapshot: vda … vdz, or hdc for the CD-ROM
    target      text not null check (target ~ '^(vd[a-z]|hdc)$'),
    disk_id     uuid references disks (id) on delete set null,
    -- the disk's name at the snapshot (the ISO's for the CD-ROM), for messages after it is gone
    disk_name   text not null,
    -- null: covered; else why the snapshot leaves it out
    excluded    text,
    primary key (snapshot_id, target)
);
create index snapshot_disks_disk on snapshot_disks (disk_id);

-- the snapshots made before this one covered their one disk, vda
insert into snapshot_disks (snapshot_id, target, disk_id, disk_name)
select s.id, 'vda', s.disk_id, coalesce(d.name, '(deleted)')
from snapshots s left join disks d on d.id = s.disk_id;
