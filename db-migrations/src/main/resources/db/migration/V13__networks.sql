-- Networking, first part (issue #5): logical networks of a cluster, each carried on a host bridge, and
-- VM NICs on them with MACs from the engine's MAC pool. Host network setup (bridges, bonds, VLAN
-- devices) comes later; until then the bridge must exist on the hosts already.

create table networks (
    id         uuid primary key,
    name       text not null unique,
    cluster_id uuid not null references clusters (id),
    vlan_id    integer check (vlan_id between 1 and 4094),
    mtu        integer not null default 1500 check (mtu between 68 and 9000),
    -- false: an infrastructure network (management, migration, storage) that VM NICs cannot use
    vm_network boolean not null default true,
    -- true: every host of the cluster must carry it
    required   boolean not null default false,
    -- the host bridge (Linux or OVS) the network is carried on: an interface name, never free text
    bridge     text not null check (bridge ~ '^[A-Za-z0-9_.-]{1,15}$')
);
create index networks_cluster on networks (cluster_id);

create table vm_nics (
    id         uuid primary key,
    vm_id      uuid not null references vms (id) on delete cascade,
    network_id uuid not null references networks (id),
    -- lower-case, colon-separated, fixed width: text order is numeric order (the MAC pool relies on it)
    mac        text not null unique check (mac ~ '^[0-9a-f]{2}(:[0-9a-f]{2}){5}$'),
    model      text not null default 'virtio' check (model in ('virtio', 'e1000', 'rtl8139')),
    created_at timestamptz not null
);
create index vm_nics_vm on vm_nics (vm_id);
create index vm_nics_network on vm_nics (network_id);
