-- Several disks per VM: each attached disk has its guest device, vda (the boot disk, first) then vdb … vdz,
-- allocated by the engine and kept while the disk stays attached. A disk still belongs to at most one VM.
alter table disks add column target text check (target ~ '^vd[a-z]$');
update disks set target = 'vda' where vm_id is not null;
alter table disks add constraint disks_target_when_attached check ((vm_id is null) = (target is null));
create unique index disks_vm_target on disks (vm_id, target) where vm_id is not null;

-- ISO images: an upload of format iso is kept as <domain>/iso/<upload id>.iso and can be a VM's CD-ROM.
alter table image_uploads drop constraint image_uploads_format_check;
alter table image_uploads add constraint image_uploads_format_check
    check (format in ('qcow2', 'raw', 'vmdk', 'vdi', 'vhdx', 'ova', 'iso'));
alter table vms add column cdrom_iso_id uuid references image_uploads (id);
