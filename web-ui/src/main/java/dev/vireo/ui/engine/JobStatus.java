package dev.vireo.ui.engine;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

public enum JobStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED,
    @JsonEnumDefaultValue UNKNOWN;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
