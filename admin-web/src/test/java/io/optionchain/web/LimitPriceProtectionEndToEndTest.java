package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.BrokerOrder;
import io.optionchain.simulator.OpenAlgoSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An exit the exchange would have rejected, sent inside its limit price protection band instead, over HTTP against
 * the simulated OpenAlgo, whose order desk rejects a limit order beyond the band as NSE does. A long call's book
 * gaps to 40 % of its fair value with no trade since (a fast move in a thin option: the last trade, which the band
 * is drawn around, stays put): its stop fires, and the marketable sell at the gapped bid less the buffer would be
 * 40 % below the last trade, beyond NSE's ±40 %. It goes out at the band's low instead, is accepted and rests;
 * when the book comes back it fills, one order, exactly once.
 */
class LimitPriceProtectionEndToEndTest {
    private static final String TOKEN = "lpp-end-to-end-token-4a9be3";
    private static final ObjectMapper JSON = SimulatedDesk.JSON;

    @RegisterExtension
    final SimulatedDesk desk = new SimulatedDesk("lpp-end-to-end-key-7c21d0", TOKEN);
    private OpenAlgoSimulator market;
    private RunningApplication application;

    @Test
    void shouldSendAStoppedExitAtTheBandsLowWhenTheBookGappedAwayFromTheLastTradeAndFillItOnce() throws Exception {
        market = desk.market(41);
        application = desk.start();
        // four strikes in the money: worth well over ₹50 at any hour, so the band is the 40 % row
        JsonNode call = application.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted)
                .get("options").get(16).get("ce_data");
        String symbol = call.get("symbol").asText();
        double entry = call.get("ask").asDouble();
        long id = openLong(symbol, entry, Math.floor(entry * 0.5 * 20) / 20);

        market.faults().gapBook(symbol, 0.4);
        JsonNode position = awaitPosition(id, p -> !p.get("legs").get(0).get("order_id").isNull());
        assertThat(position.get("exit_reason").asText()).isEqualTo("STOP");
        JsonNode leg = awaitChainLeg(symbol, l -> l.get("bid").asDouble() < l.get("ltp").asDouble() * 0.5);
        double lastTrade = leg.get("ltp").asDouble();
        double bandLow = Math.ceil(lastTrade * 0.6 * 20 - 1e-6) / 20;
        assertThat(leg.get("bid").asDouble() - 0.05).as("the touch less any buffer is beyond the band")
                .isLessThan(bandLow);

        List<BrokerOrder> sent = awaitOrders(symbol, 1);
        BrokerOrder order = sent.get(0);
        assertThat(order.action()).isEqualTo("SELL");
        assertThat(order.price()).as("never below the band's low around the last trade").isEqualTo(bandLow);
        assertThat(order.status()).as("accepted, resting behind the gapped bid: %s", order.rejectionReason())
                .isEqualTo("open");
        assertThat(position.get("state").asText()).isEqualTo("EXITING");

        market.faults().gapBook(symbol, 1);
        JsonNode closed = awaitPosition(id, p -> p.get("state").asText().equals("CLOSED"));
        assertThat(closed.get("legs").get(0).get("exit").asText()).isEqualTo("FILLED");
        Thread.sleep(500);
        List<BrokerOrder> all = market.orders().stream().filter(o -> o.symbol().equals(symbol)).toList();
        assertThat(all).as("one exit order, filled once").singleElement()
                .satisfies(o -> {
                    assertThat(o.status()).isEqualTo("complete");
                    assertThat(o.filled()).isEqualTo(65);
                });
    }

    /** A long lot of {@code symbol} the engine watches; its stop exits it with a sell. */
    private long openLong(String symbol, double entry, double stop) throws Exception {
        String body = "{\"strategy\":\"lpp\",\"product\":\"MIS\",\"legs\":[{\"symbol\":\"" + symbol
                + "\",\"side\":\"long\",\"lots\":1,\"entry_price\":" + entry + "}],\"stop\":" + stop + "}";
        HttpResponse<String> response = application.http().send("POST", "/api/positions", body, TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asLong();
    }

    private JsonNode awaitPosition(long id, Predicate<JsonNode> wanted) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode position = null;
        while (Instant.now().isBefore(deadline)) {
            position = application.http().getJson("/api/positions/" + id);
            if (wanted.test(position)) {
                return position;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("position " + id + " never got there; last: " + position);
    }

    private JsonNode awaitChainLeg(String symbol, Predicate<JsonNode> wanted) throws Exception {
        JsonNode chain = application.http().awaitChain("NIFTY", c -> {
            JsonNode leg = legOf(c, symbol);
            return leg != null && wanted.test(leg);
        });
        return legOf(chain, symbol);
    }

    private static JsonNode legOf(JsonNode chain, String symbol) {
        for (JsonNode row : chain.get("options")) {
            for (String side : List.of("ce_data", "pe_data")) {
                if (row.get(side).get("symbol").asText().equals(symbol)) {
                    return row.get(side);
                }
            }
        }
        return null;
    }

    private List<BrokerOrder> awaitOrders(String symbol, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        List<BrokerOrder> sells = List.of();
        while (Instant.now().isBefore(deadline)) {
            sells = market.orders().stream().filter(o -> o.symbol().equals(symbol) && o.action().equals("SELL"))
                    .toList();
            if (sells.size() >= count) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(sells).hasSize(count);
        return sells;
    }
}
