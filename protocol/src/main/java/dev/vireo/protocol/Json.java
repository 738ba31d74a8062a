package dev.vireo.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one JSON codec for agent frames, so both sides agree byte for byte. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {
    }

    public static String write(AgentMessage message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    public static AgentMessage read(String text) {
        try {
            return MAPPER.readValue(text, AgentMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed agent frame: " + e.getOriginalMessage(), e);
        }
    }

    /** Any protocol record (a setup kept on disk or in a database column), in the same encoding as the frames. */
    public static String writeValue(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    public static <T> T readValue(String text, Class<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public static <T> java.util.List<T> readList(String text, Class<T> element) {
        try {
            return MAPPER.readValue(text, MAPPER.getTypeFactory().constructCollectionType(java.util.List.class, element));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed list of " + element.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
