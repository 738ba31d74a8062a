-- High availability: VMs restarted elsewhere when their host is confirmed down (heartbeats gone AND fenced).
ALTER TABLE vms ADD COLUMN highly_available boolean NOT NULL DEFAULT false;
