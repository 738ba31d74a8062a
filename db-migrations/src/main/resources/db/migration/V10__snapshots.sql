-- Snapshots of VMs: internal qcow2 snapshots inside the VM's disk, with the guest's memory (made while it
-- runs) or of the disk only (made while it is down). The snapshot's name inside the disk and in libvirt is
-- its id; the name people give it lives here only.

create table snapshots (
    id          uuid primary key,
    vm_id       uuid not null references vms (id) on delete cascade,
    -- the disk it was taken of; a revert needs the VM to still have that disk
    disk_id     uuid references disks (id) on delete set null,
    name        text not null,
    description text,
    with_memory boolean not null,
    status      text not null check (status in ('CREATING', 'OK', 'FAILED')),
    -- for a memory snapshot: libvirt's snapshot XML, from which an agent redefines libvirt's metadata to
    -- revert or delete it (libvirt keeps none: it would block live migration and stay on one host)
    libvirt_xml text,
    created_at  timestamptz not null,
    created_by  text not null,
    unique (vm_id, name)
);
