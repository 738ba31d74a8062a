-- Real operating systems: a template says which OS it holds; a VM keeps its cloud-init data (NoCloud), which
-- the agent writes to a cidata volume at each start; the guest agent's last report is kept apart from the
-- VM row, so its frequent updates never collide with the VM's optimistic version.
alter table templates add column os_name text;

create table vm_cloud_init (
    vm_id uuid primary key references vms (id) on delete cascade,
    user_name text,
    -- one key per line; each was checked to be a single line when it was accepted
    ssh_authorized_keys text,
    -- SHA-512 crypt ($6$…); the clear password is never stored
    password_hash text,
    hostname text not null,
    -- an expert's own #cloud-config, used instead of the generated one
    user_data text,
    -- static addressing of the first NIC (CIDR, gateway, DNS servers comma-separated); all null: DHCP
    ip_address text,
    gateway text,
    dns text
);

create table vm_guest_info (
    vm_id uuid primary key references vms (id) on delete cascade,
    agent_connected boolean not null,
    hostname text,
    os_name text,
    kernel text,
    -- [{"name": "ens3", "mac": "…", "addresses": ["10.79.0.10/24", …]}, …] as the guest agent reported them
    interfaces text,
    updated_at timestamp with time zone not null
);
