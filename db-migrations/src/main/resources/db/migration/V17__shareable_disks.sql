-- Shareable disks: a raw volume that several VMs have attached at once (libvirt <shareable/>).
-- A disk of one VM keeps disks.vm_id and disks.target as before; a shareable disk never uses them and has a
-- row per VM in vm_disk_attachments instead, with the guest device it has in that VM (never vda: a VM boots
-- from a disk of its own). That a device is used once per VM across both places is the engine's to keep,
-- under the VM's row lock.
alter table disks add column shareable boolean not null default false;
-- a shareable disk is raw: no backing file, no template base, and it is attached through the table below
alter table disks add constraint disks_shareable_alone
    check (not shareable or (vm_id is null and backing_disk_id is null and not template_base));
alter table disks add constraint disks_id_shareable unique (id, shareable);

create table vm_disk_attachments (
    id          uuid primary key,
    vm_id       uuid not null references vms (id) on delete cascade,
    disk_id     uuid not null,
    -- only a shareable disk may have rows here
    shareable   boolean not null default true check (shareable),
    target      text not null check (target ~ '^vd[b-z]$'),
    attached_at timestamptz not null,
    attached_by text not null,
    foreign key (disk_id, shareable) references disks (id, shareable),
    unique (vm_id, disk_id),
    unique (vm_id, target)
);
create index vm_disk_attachments_disk on vm_disk_attachments (disk_id);
