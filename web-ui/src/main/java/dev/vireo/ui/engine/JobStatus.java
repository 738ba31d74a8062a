package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

public enum JobStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED,
    @JsonEnumDefaultValue UNKNOWN
}
