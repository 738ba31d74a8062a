package dev.vireo.engine.ova;

import dev.vireo.engine.api.ApiException;

/** An OVA or OVF that cannot be imported as it is: the caller's input is wrong, so a 422 with the reason. */
public class OvaException extends ApiException {
    public OvaException(String detail) {
        super(422, "Invalid OVA", detail);
    }
}
