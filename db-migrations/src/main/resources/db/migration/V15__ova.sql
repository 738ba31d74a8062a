-- OVA archives in a storage domain: exported from a stopped VM (as a job) or arrived through an image
-- upload, or an .ova file put into <domain>/ova/ by other means and registered; any can be imported as a
-- new VM. Exports and uploads are <domain>/ova/<id>.ova, named by id only.
alter table image_uploads drop constraint image_uploads_format_check;
alter table image_uploads add constraint image_uploads_format_check
    check (format in ('qcow2', 'raw', 'vmdk', 'vdi', 'vhdx', 'ova'));

create table ovas (
    id                uuid primary key,
    name              text not null,
    storage_domain_id uuid not null references storage_domains (id),
    file_name         text not null,
    status            text not null check (status in ('EXPORTING', 'READY', 'FAILED')),
    -- the VM it was exported from (null for an upload, or once that VM is deleted)
    source_vm_id      uuid references vms (id) on delete set null,
    upload_id         uuid references image_uploads (id) on delete set null,
    size_bytes        bigint,
    message           text,
    created_at        timestamptz not null,
    created_by        text not null
);
create index ovas_source_vm on ovas (source_vm_id);
create unique index ovas_file on ovas (storage_domain_id, file_name);
