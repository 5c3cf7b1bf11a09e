package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.BrokerOrder;
import io.optionchain.simulator.OpenAlgoSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Can this stop execute now?" over HTTP against the simulated OpenAlgo: (a) the market's WebSocket stalls, the
 * straddle's badge turns red for the feed with one ALERT, the REST-quote fallback polls its legs into the ring, and
 * when both legs' books gap down the stop fires from those polled quotes alone, exactly once, one order per leg;
 * (b) the account refuses orders (each {@code placeorder} a 500) while another position's exit waits for it, and the
 * open position's badge turns red with that reason, then clears once the account takes the order.
 */
class ExecutionCheckEndToEndTest {
    private static final String TOKEN = "execution-check-token-81fe20";
    private static final ObjectMapper JSON = SimulatedDesk.JSON;

    @RegisterExtension
    final SimulatedDesk desk = new SimulatedDesk("execution-check-key-3b7d", TOKEN);
    private OpenAlgoSimulator market;
    private RunningApplication application;

    @Test
    void shouldTurnRedWhenTheFeedStallsAndFireTheStopOnceFromTheRestFallbacksQuotes() throws Exception {
        start(47);
        JsonNode atm = application.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted).get("options")
                .get(20);
        String ce = atm.get("ce_data").get("symbol").asText();
        String pe = atm.get("pe_data").get("symbol").asText();
        double bids = atm.get("ce_data").get("bid").asDouble() + atm.get("pe_data").get("bid").asDouble();
        long id = open("straddle", Math.floor(bids * 0.85 * 20) / 20, ce, pe);
        JsonNode judged = awaitPosition(id, p -> p.get("execution").isObject());
        assertThat(judged.get("execution").get("badge").asText()).as("a live market: %s", judged.get("execution"))
                .isNotEqualTo("red");

        market.faults().stall(true);
        // a quiet leg's quote may go stale a moment before the whole feed does: the feed's part is what is awaited
        JsonNode red = awaitPosition(id, p -> badge(p).equals("red") && part(p, "feed").get("badge").asText()
                .equals("red"));
        assertThat(red.get("execution").get("problems").asText()).contains("feed: ");
        JsonNode status = application.http().awaitStatus(s -> s.get("rest_fallback").get("polls").asLong() >= 4);
        assertThat(status.get("rest_fallback").get("polling").asBoolean()).isTrue();
        assertThat(status.get("rest_fallback").get("feed_stale").isNull()).isFalse();
        assertThat(red.get("state").asText()).isEqualTo("OPEN");

        // the socket sends nothing: only the REST fallback can show the stop these books
        market.faults().gapBook(ce, 0.6);
        market.faults().gapBook(pe, 0.6);
        JsonNode closed = awaitPosition(id, p -> p.get("state").asText().equals("CLOSED"));
        assertThat(closed.get("exit_reason").asText()).isEqualTo("STOP");
        assertThat(market.faults().stalled()).as("still stalled when it fired").isTrue();

        market.faults().stall(false);
        market.faults().gapBook(ce, 1);
        market.faults().gapBook(pe, 1);
        application.http().awaitStatus(s -> !s.get("rest_fallback").get("polling").asBoolean());
        Thread.sleep(1_000);
        List<BrokerOrder> orders = market.orders();
        assertThat(orders).as("one order per leg, exactly once").extracting(BrokerOrder::symbol)
                .containsExactlyInAnyOrder(ce, pe);
        assertThat(orders).allSatisfy(o -> assertThat(o.action()).isEqualTo("SELL"));
        assertThat(alerts(id)).as("one ALERT for the turn to red, not one a second").singleElement()
                .satisfies(e -> assertThat(e.get("message").asText()).startsWith("this stop cannot execute now: ")
                        .containsAnyOf("quote: ", "feed: "));   // the legs' quotes go stale with the feed, or first
        long polls = application.http().getJson("/api/option-chain/status").get("rest_fallback").get("polls")
                .asLong();
        Thread.sleep(1_500);
        assertThat(application.http().getJson("/api/option-chain/status").get("rest_fallback").get("polls")
                .asLong()).as("no polling once the feed is live").isEqualTo(polls);
        assertThat(application.http().get("/metrics").body()).contains("optionchain_rest_fallback_polls_total "
                + polls);
    }

    @Test
    void shouldTurnRedWithTheReasonWhileTheHoldingAccountRefusesOrders() throws Exception {
        start(53);
        JsonNode chain = application.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);
        String watched = chain.get("options").get(18).get("ce_data").get("symbol").asText();
        String exited = chain.get("options").get(22).get("pe_data").get("symbol").asText();
        long watchedId = open("watched", 0.05, watched);
        long exitedId = open("exited", 0.05, exited);
        awaitPosition(watchedId, p -> p.get("execution").isObject() && !badge(p).equals("red"));

        market.faults().failNextOrders(Integer.MAX_VALUE);   // every placeorder answers 500 and places nothing
        HttpResponse<String> exit = application.http().send("POST", "/api/positions/" + exitedId + "/exit", "",
                TOKEN);
        assertThat(exit.statusCode()).as(exit.body()).isEqualTo(200);
        JsonNode red = awaitPosition(watchedId, p -> badge(p).equals("red"));
        assertThat(part(red, "account").get("badge").asText()).isEqualTo("red");
        assertThat(part(red, "account").get("reason").asText()).startsWith("account primary cannot take orders (")
                .contains("500");
        assertThat(part(red, "feed").get("badge").asText()).as("only the account is wrong").isEqualTo("green");
        assertThat(alerts(watchedId)).singleElement().satisfies(e -> assertThat(e.get("message").asText())
                .contains("account: account primary cannot take orders"));

        market.faults().failNextOrders(0);
        awaitPosition(exitedId, p -> p.get("state").asText().equals("CLOSED"));
        JsonNode cleared = awaitPosition(watchedId, p -> !badge(p).equals("red"));
        assertThat(part(cleared, "account").get("reason").asText()).isEqualTo("account primary takes orders");
        assertThat(market.orders()).extracting(BrokerOrder::symbol).containsExactly(exited);
    }

    private void start(long seed) throws InterruptedException {
        market = desk.market(config -> config.withSeed(seed).withTicksPerSecond(500));
        application = desk.start(RunningApplication.Launch::fastRecovery);
    }

    /** A long lot of each symbol as one position, stopped on the legs' combined bid. */
    private long open(String strategy, double stop, String... symbols) throws Exception {
        List<Map<String, Object>> legs = new ArrayList<>();
        for (String symbol : symbols) {
            legs.add(Map.of("symbol", symbol, "side", "long", "lots", 1, "entry_price", 100));
        }
        HttpResponse<String> response = application.http().send("POST", "/api/positions", JSON.writeValueAsString(
                Map.of("strategy", strategy, "product", "NRML", "stop", stop, "legs", legs)), TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asLong();
    }

    private static String badge(JsonNode position) {
        JsonNode execution = position.get("execution");
        return execution.isObject() ? execution.get("badge").asText() : "";
    }

    private static JsonNode part(JsonNode position, String check) {
        for (JsonNode part : position.get("execution").get("parts")) {
            if (part.get("check").asText().equals(check)) {
                return part;
            }
        }
        throw new AssertionError("no part " + check + " in " + position.get("execution"));
    }

    /** The execution check's ALERTs for a position in the audit file. */
    private List<JsonNode> alerts(long id) throws Exception {
        List<JsonNode> alerts = new ArrayList<>();
        for (String line : Files.readAllLines(desk.data().resolve("risk-audit.jsonl"))) {
            JsonNode event = JSON.readTree(line);
            if (event.get("kind").asText().equals("ALERT") && event.get("position_id").asLong() == id
                    && event.get("message").asText().startsWith("this stop cannot execute now")) {
                alerts.add(event);
            }
        }
        return alerts;
    }

    private JsonNode awaitPosition(long id, Predicate<JsonNode> wanted) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(45));
        JsonNode position = null;
        while (Instant.now().isBefore(deadline)) {
            position = application.http().getJson("/api/positions/" + id);
            if (wanted.test(position)) {
                return position;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("position " + id + " never got there; last: " + position);
    }
}
