package dev.vireo.engine.access;

/**
 * What a permission allows on its object. Ordered: a later role includes the earlier ones.
 * USER: see the VMs, start, stop, reboot, pause them and open their consoles. ADMIN: also delete and
 * migrate them; ADMIN on the system is a full administrator.
 */
public enum Role {
    USER, ADMIN;

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }
}
