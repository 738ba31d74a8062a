-- Where a VM's boot came from: KIT (the guest kit), TEMPLATE (its template's kernel), DISKS (its attached disks,
-- no host path) or ADMIN (host paths an administrator gave). Only administrators may name host paths; rows made
-- before this column existed are null, and the engine refuses a plain user's start of such a VM when its paths are
-- neither the guest kit's nor a template's (see BootTrust).
alter table vms add column boot_source text;
alter table vms add constraint vms_boot_source_known check (boot_source in ('KIT', 'TEMPLATE', 'DISKS', 'ADMIN'));
