-- A VM saved to disk (memory and device state, QEMU's save): the file its next start resumes from.
alter table vms add column saved_state text;
