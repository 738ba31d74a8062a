-- People and what they may do: VM owners, oVirt-style permissions (a role granted to a user or a group
-- on the system, a cluster or a VM) and quotas (limits a user's or group's VMs count against).

alter table vms add column owner text;
create index vms_owner on vms (owner);

create table permissions (
    id             uuid primary key,
    principal_kind text not null check (principal_kind in ('USER', 'GROUP')),
    principal      text not null,
    role           text not null check (role in ('ADMIN', 'USER')),
    object_kind    text not null check (object_kind in ('SYSTEM', 'CLUSTER', 'VM')),
    -- null for SYSTEM
    object_id      uuid,
    created_at     timestamptz not null,
    created_by     text not null,
    check ((object_kind = 'SYSTEM') = (object_id is null))
);
create unique index permissions_unique on permissions
    (principal_kind, principal, role, object_kind, coalesce(object_id, '00000000-0000-0000-0000-000000000000'));
create index permissions_principal on permissions (principal_kind, principal);
create index permissions_object on permissions (object_kind, object_id);

create table quotas (
    id             uuid primary key,
    name           text not null unique,
    principal_kind text not null check (principal_kind in ('USER', 'GROUP')),
    principal      text not null,
    -- null: no limit on that resource
    max_vcpus      integer check (max_vcpus >= 0),
    max_memory_mib bigint check (max_memory_mib >= 0),
    max_vms        integer check (max_vms >= 0),
    created_at     timestamptz not null,
    unique (principal_kind, principal)
);

-- the quota a VM counts against, chosen when it was created
alter table vms add column quota_id uuid references quotas (id) on delete set null;
create index vms_quota on vms (quota_id);
