-- CPU models: a cluster's CPU type (null: the hypervisor's default), a VM's own override, and the models each
-- host's hypervisor offers (libvirt's domain capabilities; one per line, null when not reported).
alter table clusters add column cpu_model text;
alter table vms add column cpu_model text;
alter table hosts add column cpu_models text;
