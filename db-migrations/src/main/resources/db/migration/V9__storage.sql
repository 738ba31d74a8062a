-- Storage: domains (directories every host of the cluster sees at the same path, libvirt dir-pool
-- style), disks (qcow2 volumes named by their id inside a domain), templates (a VM's settings and a
-- base disk that VMs are cloned from, thinly or in full).

create table storage_domains (
    id         uuid primary key,
    name       text not null unique,
    kind       text not null default 'DIR' check (kind in ('DIR')),
    path       text not null unique,
    created_at timestamptz not null
);
insert into storage_domains (id, name, path, created_at)
values ('00000000-0000-4000-8000-0000000000d1', 'default', '/var/lib/vireo/images/domains/default', now());

create table disks (
    id                uuid primary key,
    name              text not null,
    storage_domain_id uuid not null references storage_domains (id),
    size_bytes        bigint not null check (size_bytes > 0),
    actual_bytes      bigint,
    -- a thin clone's base (a template's disk); the base cannot go while clones use it
    backing_disk_id   uuid references disks (id),
    vm_id             uuid references vms (id) on delete set null,
    -- a template's base disk belongs to no VM and is never written to
    template_base     boolean not null default false,
    created_at        timestamptz not null,
    created_by        text not null
);
create index disks_vm on disks (vm_id);
create index disks_backing on disks (backing_disk_id);

create table templates (
    id           uuid primary key,
    name         text not null unique,
    description  text,
    memory_mib   integer not null,
    vcpus        integer not null,
    boot_kernel  text,
    boot_initrd  text,
    boot_cmdline text,
    disk_id      uuid references disks (id),
    created_at   timestamptz not null,
    created_by   text not null
);
-- a fresh install can create VMs at once: the tiny guest kit, diskless
insert into templates (id, name, description, memory_mib, vcpus, boot_kernel, boot_initrd, boot_cmdline, created_at, created_by)
values ('00000000-0000-4000-8000-0000000000e1', 'tiny-guest',
        'The lab guest kit: a Debian cloud kernel and a busybox initramfs, no disk',
        128, 1, '/var/lib/vireo/images/kit/vmlinuz', '/var/lib/vireo/images/kit/initrd.gz',
        'console=ttyS0 console=tty0 quiet', now(), 'system');
