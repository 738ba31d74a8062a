package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

public enum DesiredState {
    UP, DOWN,
    @JsonEnumDefaultValue UNKNOWN
}
