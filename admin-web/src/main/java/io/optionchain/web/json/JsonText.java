package io.optionchain.web.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The bodies this package builds as text, for the streams that serialise an event once and send it to every
 * client; REST routes hand the same maps to Javalin, which writes them with its own mapper.
 */
public final class JsonText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonText() {
    }

    public static String of(Object json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of numbers and strings always serialise", e);
        }
    }
}
