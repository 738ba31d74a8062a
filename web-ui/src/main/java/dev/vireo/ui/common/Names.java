package dev.vireo.ui.common;

import dev.vireo.ui.engine.EngineClient;
import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.EngineProblemException;
import dev.vireo.ui.engine.Host;
import java.util.HashMap;
import java.util.Map;

/**
 * VM and host names for rows that carry only ids (jobs): one {@code GET /vms/{id}} per VM ever shown,
 * remembered for the life of the page, and the host list (hosts are few) re-read when an id is new.
 */
public class Names {

    private final EngineClient engine;
    private final Map<String, String> vms = new HashMap<>();
    private final Map<String, String> hosts = new HashMap<>();

    public Names(EngineClient engine) {
        this.engine = engine;
    }

    public synchronized String vm(String id) {
        if (id == null) {
            return "";
        }
        return vms.computeIfAbsent(id, k -> {
            try {
                return engine.vm(k).name();
            } catch (EngineProblemException e) {
                return e.status() == 404 ? "(deleted " + k.substring(0, Math.min(8, k.length())) + ")" : k;
            } catch (EngineException e) {
                return k;
            }
        });
    }

    public synchronized String host(String id) {
        if (id == null) {
            return "";
        }
        if (!hosts.containsKey(id)) {
            try {
                engine.hostRange(0, 1000).forEach(h -> hosts.put(h.id(), h.name()));
            } catch (EngineException e) {
                return id;
            }
            hosts.putIfAbsent(id, id);
        }
        return hosts.get(id);
    }

    public synchronized void remember(Host h) {
        hosts.put(h.id(), h.name());
    }
}
