package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

public enum HostStatus {
    UP, NON_RESPONSIVE, FENCED, PREPARING_FOR_MAINTENANCE, MAINTENANCE, INSTALLING,
    /** Any status this UI does not know yet. */
    @JsonEnumDefaultValue UNKNOWN
}
