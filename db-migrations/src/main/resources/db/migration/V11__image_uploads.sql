-- Image uploads: a disk image (qcow2, raw, vmdk, vdi, vhdx) sent in chunks, resumable after a broken
-- connection, checked against its SHA-256, then converted into a qcow2 disk.
create table image_uploads (
    id                uuid primary key,
    name              text not null,
    storage_domain_id uuid not null references storage_domains (id),
    format            text not null check (format in ('qcow2', 'raw', 'vmdk', 'vdi', 'vhdx')),
    size_bytes        bigint not null check (size_bytes > 0),
    received_bytes    bigint not null default 0,
    sha256            text,
    status            text not null check (status in ('UPLOADING', 'IMPORTED', 'FAILED')),
    message           text,
    disk_id           uuid references disks (id) on delete set null,
    created_at        timestamptz not null,
    created_by        text not null
);
