package io.optionchain.simulator.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.optionchain.simulator.faults.Faults;
import io.optionchain.simulator.market.MarketModel;
import io.optionchain.simulator.market.SimulatedSymbol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client-to-server half of OpenAlgo's market-data WebSocket ({@code websocket_proxy/server.py}):
 * authenticate, subscribe, unsubscribe, ping and the broker queries, with the proxy's reply shapes,
 * error codes and messages. Errors are replies; they never close the socket.
 */
public final class StreamProtocol {
    public static final String BROKER = "simulator";
    private static final String USER_ID = "simulator";
    private static final JsonNode DEFAULT_DEPTH = IntNode.valueOf(5);

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final byte[] apiKey;
    private final MarketModel model;
    private final Subscriptions subscriptions;
    private final Clock clock;
    private final Faults faults;
    /** Distinct symbols one connection may hold; 0 for no cap, as OpenAlgo's proxy has none per client. */
    private final int maxSymbolsPerConnection;

    public StreamProtocol(String apiKey, MarketModel model, Subscriptions subscriptions, Clock clock, Faults faults,
                   int maxSymbolsPerConnection) {
        this.faults = faults;
        this.maxSymbolsPerConnection = maxSymbolsPerConnection;
        this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
        this.model = model;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    /** False while the account's broker is down: new sockets are refused before the upgrade. */
    boolean acceptsConnections() {
        return !faults.brokerIsDown();
    }

    void onMessage(ClientSession session, String text) {
        JsonNode data;
        try {
            data = json.readTree(text);
        } catch (JsonProcessingException e) {
            data = null;
        }
        if (data == null || data.isMissingNode()) {
            error(session, "INVALID_JSON", "Invalid JSON message");
            return;
        }
        try {
            dispatch(session, data);
        } catch (RuntimeException e) {
            error(session, "SERVER_ERROR", String.valueOf(e.getMessage()));
        }
    }

    private void dispatch(ClientSession session, JsonNode data) {
        if (!data.isObject()) {
            error(session, "SERVER_ERROR", "'" + PythonType.of(data) + "' object has no attribute 'get'");
            return;
        }
        JsonNode action = PythonType.truthy(data.get("action")) ? data.get("action") : data.get("type");
        String name = action != null && action.isTextual() ? action.textValue() : "";
        switch (name) {
            case "authenticate", "auth" -> authenticate(session, data);
            case "subscribe" -> subscribe(session, data);
            case "unsubscribe", "unsubscribe_all" -> unsubscribe(session, data);
            case "get_broker_info" -> brokerInfo(session);
            case "get_supported_brokers" -> supportedBrokers(session);
            case "ping" -> pong(session, data);
            default -> error(session, "INVALID_ACTION", "Invalid action: " + PythonType.str(action));
        }
    }

    private void authenticate(ClientSession session, JsonNode data) {
        JsonNode key = PythonType.truthy(data.get("api_key")) ? data.get("api_key") : data.get("apikey");
        if (!PythonType.truthy(key)) {
            error(session, "AUTHENTICATION_ERROR", "API key is required");
            return;
        }
        if (faults.refusingAuth() || faults.loggedOut() || !key.isTextual()
                || !MessageDigest.isEqual(apiKey, key.textValue().getBytes(StandardCharsets.UTF_8))) {
            error(session, "AUTHENTICATION_ERROR", "Invalid API key");
            return;
        }
        // the key is good; what the broker says comes next, as OpenAlgo's adapter answers after the key check
        if (faults.suspended()) {
            error(session, "BROKER_ERROR", Faults.SUSPENDED_MESSAGE);
            return;
        }
        session.authenticate();
        if (faults.refusingAuth() || faults.loggedOut() || faults.suspended() || faults.brokerIsDown()) {
            // switched on between the checks and now: the fault's sweep of this account's sessions may have
            // passed this one by, so it goes the way the sweep would have sent it
            session.abort();
            return;
        }
        ObjectNode reply = json.createObjectNode()
                .put("type", "auth").put("status", "success").put("message", "Authentication successful")
                .put("broker", BROKER).put("user_id", USER_ID);
        reply.putObject("supported_features").put("ltp", true).put("quote", true).put("depth", true);
        send(session, reply);
    }

    private void subscribe(ClientSession session, JsonNode data) {
        if (!session.authenticated()) {
            error(session, "NOT_AUTHENTICATED", "You must authenticate first");
            return;
        }
        int mode;
        try {
            mode = StreamMode.parse(data.has("mode") ? data.get("mode") : json.getNodeFactory().textNode("Quote"));
        } catch (IllegalArgumentException e) {
            error(session, "INVALID_MODE", e.getMessage());
            return;
        }
        JsonNode depth = data.has("depth") ? data.get("depth") : DEFAULT_DEPTH;
        List<JsonNode> items = requestedSymbols(data);
        if (items.isEmpty()) {
            error(session, "INVALID_PARAMETERS", "At least one symbol must be specified");
            return;
        }
        ArrayNode results = json.createArrayNode();
        List<SimulatedSymbol> routed = new ArrayList<>();
        boolean allSucceeded = true;
        for (JsonNode item : items) {
            JsonNode symbol = item.get("symbol");
            JsonNode exchange = item.get("exchange");
            if (!PythonType.truthy(symbol) || !PythonType.truthy(exchange)) {
                continue;
            }
            String symbolText = PythonType.str(symbol);
            String exchangeText = PythonType.str(exchange);
            Optional<SimulatedSymbol> listed = symbol.isTextual() && exchange.isTextual()
                    ? model.resolve(symbolText, exchangeText) : Optional.empty();
            ObjectNode result = results.addObject().put("symbol", symbolText).put("exchange", exchangeText);
            if (listed.isPresent() && overCapacity(session, listed.get())) {
                allSucceeded = false;
                result.put("status", "error").put("message", capacityMessage(session.symbolCount()))
                        .put("code", "MAX_CAPACITY_REACHED");
            } else if (listed.isPresent()) {
                if (session.subscribe(listed.get(), mode)) {
                    routed.add(listed.get());
                }
                result.put("status", "success").put("mode", StreamMode.label(mode)).set("depth", depth);
            } else {
                allSucceeded = false;
                result.put("status", "error")
                        .put("message", "Symbol " + symbolText + " not found for exchange " + exchangeText);
            }
            result.put("broker", BROKER);
        }
        ObjectNode reply = json.createObjectNode().put("type", "subscribe")
                .put("status", allSucceeded ? "success" : "partial");
        reply.set("subscriptions", results);
        reply.put("message", "Subscription processing complete").put("broker", BROKER);
        echoRequestId(data, reply);
        send(session, reply);
        // Routed after the reply, so a new symbol's first tick follows its acknowledgement.
        subscriptions.attach(session, routed);
        if (!session.open()) {
            subscriptions.detachEverywhere(session);
        }
    }

    /** A new symbol beyond the cap; more modes of a symbol already held cost nothing, as in OpenAlgo's pool. */
    private boolean overCapacity(ClientSession session, SimulatedSymbol symbol) {
        return maxSymbolsPerConnection > 0 && session.symbolCount() >= maxSymbolsPerConnection
                && !session.holds(symbol);
    }

    /**
     * The wording of OpenAlgo's connection pool when it is full ({@code websocket_proxy/connection_manager.py}),
     * for a broker that allows one connection of the configured size. OpenAlgo's per-symbol item carries
     * only this message; the {@code code} beside it is the simulator's addition, so a client can match on
     * either.
     */
    private String capacityMessage(int subscribed) {
        int cap = maxSymbolsPerConnection;
        return "Maximum capacity reached: 1 connections \u00d7 " + cap + " symbols = " + cap
                + " symbols. Currently subscribed to " + subscribed + " symbols.";
    }

    private void unsubscribe(ClientSession session, JsonNode data) {
        if (!session.authenticated()) {
            error(session, "NOT_AUTHENTICATED", "You must authenticate first");
            return;
        }
        boolean all = "unsubscribe_all".equals(data.path("type").asText(null))
                || "unsubscribe_all".equals(data.path("action").asText(null));
        ArrayNode successful = json.createArrayNode();
        ArrayNode failed = json.createArrayNode();
        List<SimulatedSymbol> unrouted = new ArrayList<>();
        if (all) {
            for (Map.Entry<SimulatedSymbol, Integer> removed : session.unsubscribeAll()) {
                unrouted.add(removed.getKey());
                outcome(successful, removed.getKey().symbol(), removed.getKey().exchange(), "success", null);
            }
        } else {
            List<JsonNode> items = new ArrayList<>();
            if (!PythonType.truthy(data.get("symbols"))
                    && PythonType.truthy(data.get("symbol")) && PythonType.truthy(data.get("exchange"))) {
                try {
                    StreamMode.parse(data.has("mode") ? data.get("mode") : IntNode.valueOf(2));
                } catch (IllegalArgumentException e) {
                    error(session, "INVALID_MODE", e.getMessage());
                    return;
                }
                items.add(data);
            } else {
                items = symbolList(data.get("symbols"));
            }
            if (items.isEmpty()) {
                error(session, "INVALID_PARAMETERS", "Either symbols or unsubscribe_all is required");
                return;
            }
            for (JsonNode item : items) {
                String symbol = PythonType.str(item.get("symbol"));
                String exchange = PythonType.str(item.get("exchange"));
                int mode;
                try {
                    mode = StreamMode.parse(item.has("mode") ? item.get("mode") : IntNode.valueOf(2));
                } catch (IllegalArgumentException e) {
                    outcome(failed, symbol, exchange, "error", e.getMessage());
                    continue;
                }
                if (!PythonType.truthy(item.get("symbol")) || !PythonType.truthy(item.get("exchange"))) {
                    continue;
                }
                // Like OpenAlgo, a symbol that was never subscribed still unsubscribes "successfully".
                Optional<SimulatedSymbol> parsed = SimulatedSymbol.parse(symbol, exchange);
                if (parsed.isPresent() && session.unsubscribe(parsed.get(), mode)) {
                    unrouted.add(parsed.get());
                }
                outcome(successful, symbol, exchange, "success", null);
            }
        }
        subscriptions.detach(session, unrouted);
        String status = failed.isEmpty() ? "success" : successful.isEmpty() ? "error" : "partial";
        ObjectNode reply = json.createObjectNode().put("type", "unsubscribe").put("status", status)
                .put("message", "Unsubscription processing complete");
        reply.set("successful", successful);
        reply.set("failed", failed);
        reply.put("broker", BROKER);
        echoRequestId(data, reply);
        send(session, reply);
    }

    private void brokerInfo(ClientSession session) {
        if (!session.authenticated()) {
            error(session, "NOT_AUTHENTICATED", "You must authenticate first");
            return;
        }
        send(session, json.createObjectNode().put("type", "broker_info").put("status", "success")
                .put("broker", BROKER).put("adapter_status", "connected").put("user_id", USER_ID));
    }

    private void supportedBrokers(ClientSession session) {
        ObjectNode reply = json.createObjectNode().put("type", "supported_brokers").put("status", "success");
        reply.putArray("brokers").add(BROKER);
        send(session, reply.put("count", 1));
    }

    private void pong(ClientSession session, JsonNode data) {
        ObjectNode reply = json.createObjectNode().put("type", "pong").put("status", "success")
                .put("server_timestamp", clock.millis());
        copyIfPresent(data, "timestamp", reply, "client_timestamp");
        copyIfPresent(data, "_pingId", reply, "_pingId");
        send(session, reply);
    }

    /** The list form ({@code symbols}) or, failing that, the single-symbol form of a subscribe request. */
    private List<JsonNode> requestedSymbols(JsonNode data) {
        List<JsonNode> items = symbolList(data.get("symbols"));
        if (items.isEmpty() && PythonType.truthy(data.get("symbol")) && PythonType.truthy(data.get("exchange"))) {
            items.add(data);
        }
        return items;
    }

    private static List<JsonNode> symbolList(JsonNode symbols) {
        List<JsonNode> items = new ArrayList<>();
        if (symbols != null && symbols.isArray()) {
            symbols.forEach(item -> {
                if (item.isObject()) {
                    items.add(item);
                }
            });
        }
        return items;
    }

    private void outcome(ArrayNode into, String symbol, String exchange, String status, String message) {
        ObjectNode item = into.addObject().put("symbol", symbol).put("exchange", exchange).put("status", status);
        if (message != null) {
            item.put("message", message);
        }
        item.put("broker", BROKER);
    }

    private static void echoRequestId(JsonNode request, ObjectNode reply) {
        copyIfPresent(request, "request_id", reply, "request_id");
    }

    private static void copyIfPresent(JsonNode from, String key, ObjectNode to, String as) {
        JsonNode value = from.get(key);
        if (value != null && !value.isNull()) {
            to.set(as, value);
        }
    }

    private void error(ClientSession session, String code, String message) {
        send(session, json.createObjectNode().put("status", "error").put("code", code).put("message", message));
    }

    private void send(ClientSession session, ObjectNode reply) {
        session.reply(reply.toString());
    }
}
