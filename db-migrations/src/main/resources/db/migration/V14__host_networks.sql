-- Networking, host side (issue #5): the NICs each agent reports, the host's confirmed network setup, and the
-- switch type a cluster's hosts use for it (like oVirt: 'legacy' Linux bridge or 'ovs' Open vSwitch).

-- the agent's last report: a JSON list of {name, kind, mac, speedMbps, linkState, bond, bridge}
alter table hosts add column nics text;
-- the last setup the host applied and confirmed: JSON {bonds, networks} as the API took it
alter table hosts add column network_setup text;

alter table clusters add column switch_type text not null default 'legacy'
    check (switch_type in ('legacy', 'ovs'));
