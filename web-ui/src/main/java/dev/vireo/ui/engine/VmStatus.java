package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

public enum VmStatus {
    DOWN, STARTING, RUNNING, PAUSED, STOPPING, MIGRATING,
    /** The engine's UNKNOWN, and any status this UI does not know yet. */
    @JsonEnumDefaultValue UNKNOWN
}
