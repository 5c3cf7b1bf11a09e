package io.optionchain.simulator.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.http.Context;
import io.optionchain.simulator.faults.Faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * OpenAlgo's REST conventions shared by every route group on the REST port ({@link RestApi}'s market
 * endpoints, the order endpoints, the /sim/ routes): how a body is read, the key checked and a reply
 * written. One instance, so all surfaces serialise alike; keys are sorted as Flask's jsonify sorts them.
 */
public final class RestWire {
    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final byte[] apiKey;
    private final Faults faults;

    public RestWire(String apiKey, Faults faults) {
        this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
        this.faults = faults;
    }

    /** The request's JSON body; a 400 {@link RestError} when there is none or it does not parse. */
    public JsonNode body(Context ctx) {
        try {
            JsonNode body = json.readTree(ctx.bodyAsBytes());
            if (body == null || body.isMissingNode()) {
                throw new RestError(400, "Request body must be JSON");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new RestError(400, "Request body must be valid JSON");
        } catch (IOException e) {
            throw new RestError(400, "Request body could not be read");
        }
    }

    /**
     * Constant-time, so the comparison does not leak how much of a guessed key was right. While the account
     * is logged out ({@link Faults#loggedOut(boolean)}) the right key is refused too: OpenAlgo's
     * {@code get_auth_token_broker} finds no broker token behind it and the caller gets the same 403.
     */
    public boolean validKey(String key) {
        return key != null && MessageDigest.isEqual(apiKey, key.getBytes(StandardCharsets.UTF_8))
                && !faults.loggedOut();
    }

    public void respond(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }

    /** OpenAlgo's error shape; the message is a string, or a map of field to messages. */
    static Map<String, Object> error(Object message) {
        return Map.of("status", "error", "message", message);
    }
}
