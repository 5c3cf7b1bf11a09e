package io.optionchain.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The order endpoints over real HTTP: fills against the simulator's own book, resting and partial orders,
 * modify and cancel, the broker's refusals, and every order fault. Most tests pause the market first, so
 * the book an order meets is exactly the one the test read from /depth just before.
 */
class OrderApiTest {
    private static final String KEY = "order-test-key";
    private static final int LOT = 75;
    /** NIFTY's freeze quantity: larger orders are rejected, so tests that fill whole levels need thin books. */
    private static final int FREEZE = 1_800;
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAlgoSimulator simulator;
    private ApiClient api;

    @BeforeEach
    void start() {
        simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(21).withTicksPerSecond(400));
        api = new ApiClient(simulator.restUrl());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void shouldFillABuyAcrossAskLevelsEachAtItsOwnPrice() throws Exception {
        simulator.rate(0);
        Book book = bookWhere(b -> qty(b.path("asks"), 0) + qty(b.path("asks"), 1) <= FREEZE);
        String option = book.symbol();
        JsonNode asks = book.depth().path("asks");
        long quantity = qty(asks, 0) + qty(asks, 1);

        String id = placed(order(option, "BUY", quantity, "LIMIT", asks.get(1).path("price").asDouble()));

        JsonNode status = status(id);
        assertThat(status.path("order_status").asText()).isEqualTo("complete");
        assertThat(status.path("filled_quantity").asLong()).isEqualTo(quantity);
        assertThat(status.path("pending_quantity").asLong()).isZero();
        assertThat(status.path("average_price").asDouble()).isEqualTo(average(asks, 2));
        assertThat(status.path("price").asDouble()).isEqualTo(asks.get(1).path("price").asDouble());
        assertThat(status.path("action").asText()).isEqualTo("BUY");
        assertThat(status.path("pricetype").asText()).isEqualTo("LIMIT");
        assertThat(status.path("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    }

    @Test
    void shouldFillASellFromTheBestBidDownToItsLimitAndNoFurther() throws Exception {
        simulator.rate(0);
        Book book = bookWhere(b -> qty(b.path("bids"), 0) + qty(b.path("bids"), 1) + LOT <= FREEZE);
        String option = book.symbol();
        JsonNode bids = book.depth().path("bids");
        long twoLevels = qty(bids, 0) + qty(bids, 1);

        String id = placed(order(option, "SELL", twoLevels + LOT, "LIMIT", bids.get(1).path("price").asDouble()));

        JsonNode status = status(id);
        assertThat(status.path("order_status").asText()).as("the third level is below the limit").isEqualTo("open");
        assertThat(status.path("filled_quantity").asLong()).isEqualTo(twoLevels);
        assertThat(status.path("pending_quantity").asLong()).isEqualTo(LOT);
        assertThat(status.path("average_price").asDouble()).isEqualTo(average(bids, 2));
    }

    @Test
    void shouldRestWhatTheBookCannotFillAndFillItOnLaterTicks() throws Exception {
        simulator.rate(0);
        Book book = bookWhere(b -> total(b.path("asks")) + 3 * LOT <= FREEZE);
        String option = book.symbol();
        JsonNode asks = book.depth().path("asks");
        long visible = total(asks);

        String id = placed(order(option, "BUY", visible + 3 * LOT, "MARKET", 0));

        JsonNode partial = status(id);
        assertThat(partial.path("order_status").asText()).isEqualTo("open");
        assertThat(partial.path("filled_quantity").asLong()).isEqualTo(visible);
        assertThat(partial.path("pending_quantity").asLong()).isEqualTo(3 * LOT);
        assertThat(partial.path("average_price").asDouble()).isEqualTo(average(asks, 5));
        assertThat(partial.path("price").asDouble()).as("a market order has no price").isZero();

        simulator.rate(400);
        JsonNode complete = awaitStatus(id, s -> s.path("order_status").asText().equals("complete"));
        assertThat(complete.path("filled_quantity").asLong()).isEqualTo(visible + 3 * LOT);
    }

    @Test
    void shouldRestALimitBelowTheAskUntilCancelled() throws Exception {
        simulator.rate(0);
        String option = call(0);
        JsonNode book = depth(option);

        String id = placed(order(option, "BUY", LOT, "LIMIT", book.path("bids").get(0).path("price").asDouble()));
        assertThat(status(id).path("order_status").asText()).isEqualTo("open");
        assertThat(status(id).path("filled_quantity").asLong()).isZero();

        ApiClient.Reply cancelled = api.post("cancelorder", Map.of("apikey", KEY, "strategy", "t", "orderid", id));
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().toString()).isEqualTo("{\"orderid\":\"" + id + "\",\"status\":\"success\"}");
        assertThat(status(id).path("order_status").asText()).isEqualTo("cancelled");

        ApiClient.Reply again = api.post("cancelorder", Map.of("apikey", KEY, "strategy", "t", "orderid", id));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.message()).isEqualTo("Cannot cancel order in cancelled status");
    }

    @Test
    void shouldRepriceAnOpenOrderAndFillItAtTheNewPrice() throws Exception {
        simulator.rate(0);
        String option = call(0);
        JsonNode book = depth(option);
        double bid = book.path("bids").get(0).path("price").asDouble();
        double ask = book.path("asks").get(0).path("price").asDouble();
        String id = placed(order(option, "BUY", 2 * LOT, "LIMIT", bid));

        Map<String, Object> modify = modification(id, option, "BUY", LOT, "LIMIT", ask, 0);
        ApiClient.Reply reply = api.post("modifyorder", modify);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("orderid").asText()).isEqualTo(id);
        JsonNode status = status(id);
        assertThat(status.path("order_status").asText()).isEqualTo("complete");
        assertThat(status.path("quantity").asLong()).isEqualTo(LOT);
        assertThat(status.path("price").asDouble()).isEqualTo(ask);
        assertThat(status.path("average_price").asDouble()).isEqualTo(ask);

        ApiClient.Reply late = api.post("modifyorder", modify);
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.message()).isEqualTo("Cannot modify order in complete status");
        ApiClient.Reply unknown = api.post("modifyorder", modification("999", option, "BUY", LOT, "LIMIT", ask, 0));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.message()).isEqualTo("Order 999 not found");
        assertThat(api.post("orderstatus", Map.of("apikey", KEY, "strategy", "t", "orderid", "999")).status())
                .isEqualTo(404);
    }

    @Test
    void shouldHoldAStopLossUntilTheLastPriceReachesItsTrigger() throws Exception {
        simulator.rate(0);
        String option = call(0);
        double ltp = depth(option).path("ltp").asDouble();
        String id = placed(withTrigger(order(option, "SELL", LOT, "SL-M", 0), 0.05));
        assertThat(status(id).path("order_status").asText()).isEqualTo("trigger pending");

        double above = Math.round(ltp * 2 * 20) / 20.0;
        assertThat(api.post("modifyorder", modification(id, option, "SELL", LOT, "SL-M", 0, above)).status())
                .isEqualTo(200);

        JsonNode status = status(id);
        assertThat(status.path("order_status").asText()).as("ltp %s is at or below trigger %s", ltp, above)
                .isEqualTo("complete");
        assertThat(status.path("trigger_price").asDouble()).isEqualTo(above);
    }

    @Test
    void shouldRefuseInvalidOrdersWith400AndPlaceNothing() throws Exception {
        String option = call(0);
        expectRefusal(order("NIFTY01JAN2024500CE", "BUY", LOT, "MARKET", 0),
                "Symbol NIFTY01JAN2024500CE not found on NFO");
        Map<String, Object> index = order("NIFTY", "BUY", LOT, "MARKET", 0);
        index.put("exchange", "NSE_INDEX");
        expectRefusal(index, "NIFTY on NSE_INDEX is an index, not a tradable instrument");
        expectRefusal(order(option, "BUY", 100, "MARKET", 0), "Quantity must be in multiples of lot size 75");
        expectRefusal(order(option, "BUY", LOT, "LIMIT", 100.03), "Price 100.03 is not a multiple of the tick size 0.05");
        expectRefusal(order(option, "BUY", LOT, "LIMIT", 0), "LIMIT orders require price");
        expectRefusal(order(option, "BUY", LOT, "SL", 100), "SL orders require trigger_price");
        expectRefusal(withTrigger(order(option, "BUY", LOT, "SL", 100), 101),
                "Trigger price must be at or below the limit price for a stop-loss buy order");
        Map<String, Object> cnc = order(option, "BUY", LOT, "MARKET", 0);
        cnc.put("product", "CNC");
        expectRefusal(cnc, "CNC product not allowed for NFO derivatives segment. Use NRML for carryforward or MIS"
                + " for intraday.");
        expectRefusal(order(option, "BUY", 0, "MARKET", 0), "{'quantity': ['Quantity must be a positive number.']}");
        expectRefusal(order(option, "HOLD", LOT, "MARKET", 0), "{'action': ['Must be one of: BUY, SELL, buy, sell.']}");
        expectRefusal(order(option, "BUY", LOT, "STOP", 0),
                "{'pricetype': ['Must be one of: MARKET, LIMIT, SL, SL-M.']}");
        Map<String, Object> unknownField = order(option, "BUY", LOT, "MARKET", 0);
        unknownField.put("foo", 1);
        expectRefusal(unknownField, "{'foo': ['Unknown field.']}");
        Map<String, Object> words = order(option, "BUY", LOT, "MARKET", 0);
        words.put("quantity", "seventy-five");
        expectRefusal(words, "{'quantity': ['Not a valid number.']}");
        Map<String, Object> fraction = order(option, "BUY", LOT, "MARKET", 0);
        fraction.put("quantity", 112.5);
        expectRefusal(fraction, "{'quantity': ['Fractional quantity (112.5) is not allowed for non-crypto exchanges.']}");
        Map<String, Object> noSymbol = order(option, "BUY", LOT, "MARKET", 0);
        noSymbol.remove("symbol");
        expectRefusal(noSymbol, "{'symbol': ['Missing data for required field.']}");

        assertThat(simulator.orders()).isEmpty();
    }

    @Test
    void shouldRefuseAWrongKeyWith403() throws Exception {
        Map<String, Object> order = order(call(0), "BUY", LOT, "MARKET", 0);
        order.put("apikey", "not-the-key");
        ApiClient.Reply reply = api.post("placeorder", order);
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body().toString()).isEqualTo("{\"message\":\"Invalid openalgo apikey\",\"status\":\"error\"}");
        assertThat(api.post("orderbook", Map.of("apikey", "nope")).status()).isEqualTo(403);
        assertThat(simulator.orders()).isEmpty();
    }

    @Test
    void shouldAcceptNumbersAsStringsAndALowerCaseAction() throws Exception {
        simulator.rate(0);
        String option = call(0);
        double ask = depth(option).path("asks").get(0).path("price").asDouble();
        Map<String, Object> order = order(option, "buy", LOT, "LIMIT", ask);
        order.put("quantity", "75");
        order.put("price", Double.toString(ask));
        order.put("disclosed_quantity", "0");

        String id = placed(order);

        assertThat(status(id).path("action").asText()).isEqualTo("BUY");
        assertThat(status(id).path("quantity").asLong()).isEqualTo(LOT);
    }

    @Test
    void shouldAcceptThenRejectWhatTheBrokersRiskChecksRefuse() throws Exception {
        String option = call(0);
        String aboveFreeze = placed(order(option, "BUY", 25 * LOT, "MARKET", 0));
        String aboveCircuit = placed(order(option, "BUY", LOT, "LIMIT", 9_999.95));

        assertThat(status(aboveFreeze).path("order_status").asText()).isEqualTo("rejected");
        assertThat(status(aboveFreeze).path("rejection_reason").asText())
                .startsWith("RMS:Order quantity 1875 exceeds the freeze quantity 1800");
        assertThat(status(aboveCircuit).path("order_status").asText()).isEqualTo("rejected");
        assertThat(status(aboveCircuit).path("rejection_reason").asText())
                .startsWith("RMS:Order price 9999.95 is above the upper circuit limit");
        assertThat(simulator.orders()).extracting(BrokerOrder::status).containsExactly("rejected", "rejected");
    }

    @Test
    void shouldRejectTheNextOrdersAfterAcceptingThem() throws Exception {
        String option = call(0);
        assertThat(api.control("POST", "faults/reject-orders?n=1").status()).isEqualTo(200);

        String rejected = placed(order(option, "BUY", LOT, "MARKET", 0));
        String accepted = placed(order(option, "BUY", LOT, "MARKET", 0));

        assertThat(status(rejected).path("order_status").asText()).isEqualTo("rejected");
        assertThat(status(rejected).path("rejection_reason").asText()).isEqualTo(OrderDesk.INJECTED_REJECTION);
        assertThat(status(rejected).path("filled_quantity").asLong()).isZero();
        assertThat(status(accepted).path("order_status").asText()).isEqualTo("complete");
    }

    @Test
    void shouldFailTheNextOrdersWith500AndPlaceNothing() throws Exception {
        String option = call(0);
        simulator.faults().failNextOrders(2);

        for (int i = 0; i < 2; i++) {
            ApiClient.Reply failed = api.post("placeorder", order(option, "BUY", LOT, "MARKET", 0));
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.body().toString())
                    .isEqualTo("{\"message\":\"Failed to place order due to internal error\",\"status\":\"error\"}");
        }
        assertThat(simulator.orders()).as("a 500 places nothing").isEmpty();

        placed(order(option, "BUY", LOT, "MARKET", 0));
        assertThat(simulator.orders()).hasSize(1);
    }

    @Test
    void shouldPlaceTheOrderEvenWhenItsAnswerComesTooLate() throws Exception {
        String option = call(0);
        simulator.faults().slowOrders(Duration.ofMillis(1_500));
        String body = JSON.writeValueAsString(order(option, "BUY", LOT, "MARKET", 0));

        assertThatThrownBy(() -> api.post("placeorder", body, Duration.ofMillis(200)))
                .isInstanceOf(HttpTimeoutException.class);

        assertThat(simulator.orders()).as("the order exists although the client never heard of it").hasSize(1);
        simulator.faults().reset();
        assertThat(simulator.faults().settings()).containsEntry("slow_orders_ms", 0L);
    }

    @Test
    void shouldLeaveOrdersUnfilledWhileNeverFillIsOn() throws Exception {
        String option = call(0);
        simulator.faults().neverFill(true);
        String id = placed(order(option, "BUY", LOT, "MARKET", 0));
        try (FeedClient feed = FeedClient.authenticated(simulator)) {
            feed.send(Map.of("action", "subscribe", "symbol", option, "exchange", "NFO", "mode", 3));
            feed.reply("subscribe");
            for (int i = 0; i < 5; i++) {
                feed.tick(option);
            }
        }
        assertThat(status(id).path("order_status").asText()).as("after five ticks").isEqualTo("open");
        assertThat(status(id).path("filled_quantity").asLong()).isZero();

        assertThat(api.control("POST", "faults/never-fill?on=false").status()).isEqualTo(200);
        awaitStatus(id, s -> s.path("order_status").asText().equals("complete"));
    }

    @Test
    void shouldListEveryOrderInTheBookAndOverTheControlApi() throws Exception {
        simulator.rate(0);
        String option = call(0);
        JsonNode book = depth(option);
        String filled = placed(order(option, "BUY", LOT, "MARKET", 0));
        String resting = placed(order(option, "SELL", LOT, "LIMIT", book.path("asks").get(4).path("price").asDouble()));
        String rejected = placed(order(option, "SELL", 25 * LOT, "MARKET", 0));

        JsonNode orderbook = api.post("orderbook", Map.of("apikey", KEY)).data();
        assertThat(orderbook.path("orders")).extracting(o -> o.path("orderid").asText())
                .containsExactly(filled, resting, rejected);
        assertThat(orderbook.path("statistics")).isEqualTo(JSON.readTree(
                "{\"total_buy_orders\":1,\"total_completed_orders\":1,\"total_open_orders\":1,"
                        + "\"total_rejected_orders\":1,\"total_sell_orders\":2}"));

        ApiClient.Reply listed = api.control("GET", "orders");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().path("count").asInt()).isEqualTo(3);
        JsonNode first = listed.body().path("orders").get(0);
        assertThat(first.path("orderid").asText()).isEqualTo(filled);
        assertThat(first.path("strategy").asText()).isEqualTo("exit-test");
        assertThat(first.path("symbol").asText()).isEqualTo(option);
        assertThat(first.path("action").asText()).isEqualTo("BUY");
        assertThat(first.path("status").asText()).isEqualTo("complete");
        assertThat(first.path("filled").asInt()).isEqualTo(LOT);
        assertThat(first.path("average_price").asDouble()).isEqualTo(book.path("asks").get(0).path("price").asDouble());
        assertThat(first.path("time").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?\\+05:30");
        assertThat(listed.body().path("orders")).extracting(o -> o.path("status").asText())
                .containsExactly("complete", "open", "rejected");

        List<BrokerOrder> orders = simulator.orders();
        assertThat(orders).extracting(BrokerOrder::orderid).containsExactly(filled, resting, rejected);
        assertThatThrownBy(() -> orders.add(orders.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    private void expectRefusal(Map<String, Object> order, String message) throws Exception {
        ApiClient.Reply reply = api.post("placeorder", order);
        assertThat(reply.status()).as(message).isEqualTo(400);
        assertThat(reply.body().path("status").asText()).isEqualTo("error");
        assertThat(reply.message()).isEqualTo(message);
    }

    private record Book(String symbol, JsonNode depth) {
    }

    /**
     * The first NIFTY call from the money outwards whose book (read from /depth, which ticks it once)
     * satisfies {@code fits}: books thin out away from the money.
     */
    private Book bookWhere(Predicate<JsonNode> fits) throws Exception {
        for (int percentOtm = 0; percentOtm <= 25; percentOtm++) {
            String symbol = call(percentOtm);
            JsonNode depth = depth(symbol);
            if (fits.test(depth)) {
                return new Book(symbol, depth);
            }
        }
        throw new AssertionError("no listed call with a book that fits");
    }

    /** A NIFTY call of the nearest expiry, {@code percentOtm} per cent above the index, on a listed strike. */
    private String call(int percentOtm) {
        int strike = (int) Math.round(simulator.indexPrice("NIFTY") * (1 + percentOtm / 100.0) / 50) * 50;
        return SimulatedSymbol.option(SimulatedIndex.NIFTY, simulator.expiries("NIFTY").get(0), strike, true).symbol();
    }

    private JsonNode depth(String option) throws Exception {
        ApiClient.Reply reply = api.post("depth", Map.of("apikey", KEY, "symbol", option, "exchange", "NFO"));
        assertThat(reply.status()).isEqualTo(200);
        return reply.data();
    }

    private static Map<String, Object> order(String symbol, String action, long quantity, String pricetype,
                                             double price) {
        Map<String, Object> order = new HashMap<>();
        order.put("apikey", KEY);
        order.put("strategy", "exit-test");
        order.put("exchange", "NFO");
        order.put("symbol", symbol);
        order.put("action", action);
        order.put("quantity", quantity);
        order.put("pricetype", pricetype);
        order.put("product", "MIS");
        order.put("price", price);
        return order;
    }

    private static Map<String, Object> withTrigger(Map<String, Object> order, double trigger) {
        order.put("trigger_price", trigger);
        return order;
    }

    private static Map<String, Object> modification(String id, String symbol, String action, long quantity,
                                                    String pricetype, double price, double trigger) {
        Map<String, Object> order = order(symbol, action, quantity, pricetype, price);
        order.put("orderid", id);
        order.put("trigger_price", trigger);
        order.put("disclosed_quantity", 0);
        return order;
    }

    private String placed(Map<String, Object> order) throws Exception {
        ApiClient.Reply reply = api.post("placeorder", order);
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        assertThat(reply.body().path("status").asText()).isEqualTo("success");
        assertThat(reply.body().path("orderid").asText()).matches("\\d{15}");
        return reply.body().path("orderid").asText();
    }

    private JsonNode status(String id) throws Exception {
        ApiClient.Reply reply = api.post("orderstatus", Map.of("apikey", KEY, "strategy", "exit-test", "orderid", id));
        assertThat(reply.status()).isEqualTo(200);
        return reply.data();
    }

    private JsonNode awaitStatus(String id, Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + FeedClient.WAIT.toNanos();
        JsonNode status = status(id);
        while (!wanted.test(status)) {
            assertThat(System.nanoTime()).as("order %s still %s", id, status).isLessThan(deadline);
            Thread.sleep(20);
            status = status(id);
        }
        return status;
    }

    private static long qty(JsonNode levels, int level) {
        return levels.get(level).path("quantity").asLong();
    }

    private static long total(JsonNode levels) {
        long total = 0;
        for (JsonNode level : levels) {
            total += level.path("quantity").asLong();
        }
        return total;
    }

    /** Volume-weighted price of the first {@code levels} levels, to the paisa, as OpenAlgo reports it. */
    private static double average(JsonNode book, int levels) {
        long value = 0;
        long quantity = 0;
        for (int i = 0; i < levels; i++) {
            long q = qty(book, i);
            value += Math.round(book.get(i).path("price").asDouble() * 100) * q;
            quantity += q;
        }
        return Math.round((double) value / quantity) / 100.0;
    }
}
