package io.optionchain.simulator.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.ApiClient;
import io.optionchain.simulator.BrokerOrder;
import io.optionchain.simulator.Listed;
import io.optionchain.simulator.MarketDates;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The order endpoints over real HTTP: fills against the simulator's own book, resting and partial orders,
 * modify and cancel, and the broker's risk checks; refusals before an order exists are
 * {@link OrderRefusalsTest}'s and the order faults {@link OrderFaultsTest}'s. Most tests
 * pause the market first, so the book an order meets is exactly the one the test read from /depth just before.
 *
 * <p>Runs at every {@link MarketDates} time: near an expiry's close far strikes are worth the minimum tick
 * and their lower bid levels do not exist, so each test picks a book that has the levels it uses.
 */
@ParameterizedClass(name = "at {0}")
@FieldSource("io.optionchain.simulator.MarketDates#ALL")
class OrderApiTest {
    private static final String KEY = "order-test-key";
    private static final int LOT = 65;
    /** NIFTY's freeze quantity: larger orders are rejected, so tests that fill whole levels need thin books. */
    private static final int FREEZE = 1_800;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every level of one side, all a market order may walk. */
    private static final int MARKET_LEVELS = 5;
    /** About 10% of the index either side, well inside the listed range. */
    private static final int MAX_STEPS_FROM_THE_MONEY = 50;

    private final MarketDates.Pinned date;
    private OpenAlgoSimulator simulator;
    private ApiClient api;
    private OrderClient orders;

    OrderApiTest(MarketDates.Pinned date) {
        this.date = date;
    }

    @BeforeEach
    void start() {
        simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(21).withTicksPerSecond(400)
                .withClock(date.running()));
        api = new ApiClient(simulator.restUrl());
        orders = new OrderClient(api, KEY);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void shouldFillABuyAcrossAskLevelsEachAtItsOwnPrice() throws Exception {
        simulator.rate(0);
        Book book = bookWhere(b -> levels(b.path("asks"), 2)
                && qty(b.path("asks"), 0) + qty(b.path("asks"), 1) <= FREEZE);
        String option = book.symbol();
        JsonNode asks = book.depth().path("asks");
        long quantity = qty(asks, 0) + qty(asks, 1);

        double limit = asks.get(1).path("price").asDouble();
        String id = orders.placed(orders.order(option, "BUY", quantity, "LIMIT", limit));

        JsonNode status = orders.status(id);
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
        Book book = bookWhere(b -> levels(b.path("bids"), 2)
                && qty(b.path("bids"), 0) + qty(b.path("bids"), 1) + LOT <= FREEZE);
        String option = book.symbol();
        JsonNode bids = book.depth().path("bids");
        long twoLevels = qty(bids, 0) + qty(bids, 1);

        double limit = bids.get(1).path("price").asDouble();
        String id = orders.placed(orders.order(option, "SELL", twoLevels + LOT, "LIMIT", limit));

        JsonNode status = orders.status(id);
        assertThat(status.path("order_status").asText()).as("the third level is below the limit").isEqualTo("open");
        assertThat(status.path("filled_quantity").asLong()).isEqualTo(twoLevels);
        assertThat(status.path("pending_quantity").asLong()).isEqualTo(LOT);
        assertThat(status.path("average_price").asDouble()).isEqualTo(average(bids, 2));
    }

    @Test
    void shouldRestWhatTheBookCannotFillAndFillItOnLaterTicks() throws Exception {
        simulator.rate(0);
        Book book = bookWhere(b -> levels(b.path("asks"), MARKET_LEVELS)
                && total(b.path("asks")) + 3 * LOT <= FREEZE);
        String option = book.symbol();
        JsonNode asks = book.depth().path("asks");
        long visible = total(asks);

        String id = orders.placed(orders.order(option, "BUY", visible + 3 * LOT, "MARKET", 0));

        JsonNode partial = orders.status(id);
        assertThat(partial.path("order_status").asText()).isEqualTo("open");
        assertThat(partial.path("filled_quantity").asLong()).isEqualTo(visible);
        assertThat(partial.path("pending_quantity").asLong()).isEqualTo(3 * LOT);
        assertThat(partial.path("average_price").asDouble()).isEqualTo(average(asks, 5));
        assertThat(partial.path("price").asDouble()).as("a market order has no price").isZero();

        simulator.rate(400);
        JsonNode complete = orders.awaitStatus(id, s -> s.path("order_status").asText().equals("complete"));
        assertThat(complete.path("filled_quantity").asLong()).isEqualTo(visible + 3 * LOT);
    }

    @Test
    void shouldRestALimitBelowTheAskUntilCancelled() throws Exception {
        simulator.rate(0);
        Book found = bookWhere(b -> levels(b.path("bids"), 1));
        String option = found.symbol();
        JsonNode book = found.depth();

        double bid = book.path("bids").get(0).path("price").asDouble();
        String id = orders.placed(orders.order(option, "BUY", LOT, "LIMIT", bid));
        assertThat(orders.status(id).path("order_status").asText()).isEqualTo("open");
        assertThat(orders.status(id).path("filled_quantity").asLong()).isZero();

        ApiClient.Reply cancelled = api.post("cancelorder", Map.of("apikey", KEY, "strategy", "t", "orderid", id));
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().toString()).isEqualTo("{\"orderid\":\"" + id + "\",\"status\":\"success\"}");
        assertThat(orders.status(id).path("order_status").asText()).isEqualTo("cancelled");

        ApiClient.Reply again = api.post("cancelorder", Map.of("apikey", KEY, "strategy", "t", "orderid", id));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.message()).isEqualTo("Cannot cancel order in cancelled status");
    }

    @Test
    void shouldRepriceAnOpenOrderAndFillItAtTheNewPrice() throws Exception {
        simulator.rate(0);
        Book found = bookWhere(b -> levels(b.path("bids"), 1) && levels(b.path("asks"), 1));
        String option = found.symbol();
        JsonNode book = found.depth();
        double bid = book.path("bids").get(0).path("price").asDouble();
        double ask = book.path("asks").get(0).path("price").asDouble();
        String id = orders.placed(orders.order(option, "BUY", 2 * LOT, "LIMIT", bid));

        Map<String, Object> modify = modification(id, option, "BUY", LOT, "LIMIT", ask, 0);
        ApiClient.Reply reply = api.post("modifyorder", modify);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("orderid").asText()).isEqualTo(id);
        JsonNode status = orders.status(id);
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
        // Above the lowest price, or the stop at 0.05 would trigger at once.
        Book book = bookWhere(b -> b.path("ltp").asDouble() >= 0.10 && levels(b.path("bids"), 1));
        String option = book.symbol();
        double ltp = book.depth().path("ltp").asDouble();
        String id = orders.placed(OrderClient.withTrigger(orders.order(option, "SELL", LOT, "SL-M", 0), 0.05));
        assertThat(orders.status(id).path("order_status").asText()).isEqualTo("trigger pending");

        double above = Math.round(ltp * 2 * 20) / 20.0;
        assertThat(api.post("modifyorder", modification(id, option, "SELL", LOT, "SL-M", 0, above)).status())
                .isEqualTo(200);

        JsonNode status = orders.status(id);
        assertThat(status.path("order_status").asText()).as("ltp %s is at or below trigger %s", ltp, above)
                .isEqualTo("complete");
        assertThat(status.path("trigger_price").asDouble()).isEqualTo(above);
    }

    @Test
    void shouldAcceptNumbersAsStringsAndALowerCaseAction() throws Exception {
        simulator.rate(0);
        Book book = bookWhere(b -> levels(b.path("asks"), 1));
        String option = book.symbol();
        double ask = book.depth().path("asks").get(0).path("price").asDouble();
        Map<String, Object> order = orders.order(option, "buy", LOT, "LIMIT", ask);
        order.put("quantity", "65");
        order.put("price", Double.toString(ask));
        order.put("disclosed_quantity", "0");

        String id = orders.placed(order);

        assertThat(orders.status(id).path("action").asText()).isEqualTo("BUY");
        assertThat(orders.status(id).path("quantity").asLong()).isEqualTo(LOT);
    }

    @Test
    void shouldAcceptThenRejectWhatTheBrokersRiskChecksRefuse() throws Exception {
        String option = Listed.atmCall(simulator);
        String aboveFreeze = orders.placed(orders.order(option, "BUY", 28 * LOT, "MARKET", 0));
        String aboveCircuit = orders.placed(orders.order(option, "BUY", LOT, "LIMIT", 9_999.95));

        assertThat(orders.status(aboveFreeze).path("order_status").asText()).isEqualTo("rejected");
        assertThat(orders.status(aboveFreeze).path("rejection_reason").asText())
                .startsWith("RMS:Order quantity 1820 exceeds the freeze quantity 1800");
        assertThat(orders.status(aboveCircuit).path("order_status").asText()).isEqualTo("rejected");
        assertThat(orders.status(aboveCircuit).path("rejection_reason").asText())
                .startsWith("RMS:Order price 9999.95 is above the upper circuit limit");
        assertThat(simulator.orders()).extracting(BrokerOrder::status).containsExactly("rejected", "rejected");
    }

    @Test
    void shouldListEveryOrderInTheBookAndOverTheControlApi() throws Exception {
        simulator.rate(0);
        Book found = bookWhere(b -> levels(b.path("asks"), MARKET_LEVELS));
        String option = found.symbol();
        JsonNode book = found.depth();
        String filled = orders.placed(orders.order(option, "BUY", LOT, "MARKET", 0));
        double fifthAsk = book.path("asks").get(4).path("price").asDouble();
        String resting = orders.placed(orders.order(option, "SELL", LOT, "LIMIT", fifthAsk));
        String rejected = orders.placed(orders.order(option, "SELL", 28 * LOT, "MARKET", 0)); // above the freeze

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
        assertThat(first.path("strategy").asText()).isEqualTo(OrderClient.STRATEGY);
        assertThat(first.path("symbol").asText()).isEqualTo(option);
        assertThat(first.path("action").asText()).isEqualTo("BUY");
        assertThat(first.path("status").asText()).isEqualTo("complete");
        assertThat(first.path("filled").asInt()).isEqualTo(LOT);
        assertThat(first.path("average_price").asDouble()).isEqualTo(book.path("asks").get(0).path("price").asDouble());
        assertThat(first.path("time").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?\\+05:30");
        assertThat(listed.body().path("orders")).extracting(o -> o.path("status").asText())
                .containsExactly("complete", "open", "rejected");

        List<BrokerOrder> held = simulator.orders();
        assertThat(held).extracting(BrokerOrder::orderid).containsExactly(filled, resting, rejected);
        assertThatThrownBy(() -> held.add(held.get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Duration.between(date.now(), held.get(0).time()).abs()).as("placed by the market's clock")
                .isLessThan(Listed.TEST_SPAN);
    }

    private record Book(String symbol, JsonNode depth) {
    }

    /**
     * The first NIFTY call from the money outwards, above and below, whose book (read from /depth, which
     * ticks it once) satisfies {@code fits}: books thin out away from the money, and near the close on
     * expiry day out-of-the-money calls keep only their best bid.
     */
    private Book bookWhere(Predicate<JsonNode> fits) throws Exception {
        for (int steps = 0; steps <= MAX_STEPS_FROM_THE_MONEY; steps++) {
            for (int direction : steps == 0 ? new int[] {1} : new int[] {1, -1}) {
                String symbol = Listed.option(simulator, Listed.strike(simulator, direction * steps), true);
                JsonNode depth = depth(symbol);
                if (fits.test(depth)) {
                    return new Book(symbol, depth);
                }
            }
        }
        throw new AssertionError("no listed call with a book that fits at " + date);
    }

    /** Whether the first {@code count} levels exist: a missing level reads price 0, quantity 0. */
    private static boolean levels(JsonNode side, int count) {
        for (int i = 0; i < count; i++) {
            if (side.get(i).path("price").asDouble() <= 0 || qty(side, i) <= 0) {
                return false;
            }
        }
        return true;
    }

    private JsonNode depth(String option) throws Exception {
        ApiClient.Reply reply = api.post("depth", Map.of("apikey", KEY, "symbol", option, "exchange", "NFO"));
        assertThat(reply.status()).isEqualTo(200);
        return reply.data();
    }

    private Map<String, Object> modification(String id, String symbol, String action, long quantity,
                                                    String pricetype, double price, double trigger) {
        Map<String, Object> order = orders.order(symbol, action, quantity, pricetype, price);
        order.put("orderid", id);
        order.put("trigger_price", trigger);
        order.put("disclosed_quantity", 0);
        return order;
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
