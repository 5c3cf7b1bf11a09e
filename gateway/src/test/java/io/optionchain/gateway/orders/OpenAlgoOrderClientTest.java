package io.optionchain.gateway.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.engine.depth.OrderAction;
import io.optionchain.engine.ports.BrokerOrder;
import io.optionchain.engine.ports.BrokerOrderState;
import io.optionchain.engine.ports.ExitOrder;
import io.optionchain.engine.ports.OrderGatewayException.Outcome;
import io.optionchain.engine.ports.OrderGatewayException;
import io.optionchain.gateway.rest.OpenAlgoRestClientTest;
import io.optionchain.gateway.rest.StubOpenAlgo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The order client against a scripted OpenAlgo stand-in on loopback ({@link StubOpenAlgo}): it answers 503, 429
 * or a lost connection on cue. The simulator's own placeorder/orderstatus/modifyorder/cancelorder/orderbook
 * endpoints are being built alongside; once they land, a test against them belongs beside this one.
 */
class OpenAlgoOrderClientTest {
    private static final String KEY = "order-key-7c1e55aa";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ExitOrder SELL = new ExitOrder(7, 1, "oc-7-1", "NIFTY25NOV2524500PE", "NFO", OrderAction.SELL,
            150, 79.05000000000001, "NRML");
    private static final OrderPolicy FAST = OrderPolicy.defaults().withRetries(3, Duration.ofMillis(10),
            Duration.ofMillis(50));

    private StubOpenAlgo server;
    private OpenAlgoOrderClient client;

    @BeforeEach
    void start() throws Exception {
        server = new StubOpenAlgo();
        client = new OpenAlgoOrderClient(server.url(), KEY, Duration.ofSeconds(5), FAST);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldPlaceALimitOrderWithExactlyTheFieldsPlaceorderTakes() throws Exception {
        server.answer(200, "{\"status\":\"success\",\"orderid\":\"250408000989443\"}");

        assertThat(client.place(SELL)).isEqualTo("250408000989443");

        assertThat(server.path).isEqualTo("/api/v1/placeorder");
        assertThat(server.contentType).isEqualTo("application/json");
        assertThat(JSON.readTree(server.body)).isEqualTo(JSON.readTree("""
                {"apikey":"%s","strategy":"oc-7-1","exchange":"NFO","symbol":"NIFTY25NOV2524500PE","action":"SELL",
                 "quantity":150,"pricetype":"LIMIT","product":"NRML","price":79.05,"trigger_price":0,
                 "disclosed_quantity":0}""".formatted(KEY)));
    }

    @Test
    void shouldNeverRetryAPlaceorderWhoseOutcomeIsUnknown() {
        server.answer(503, "{\"status\":\"error\",\"message\":\"broker timed out\"}");

        OrderGatewayException e = catchThrowableOfType(OrderGatewayException.class, () -> client.place(SELL));

        assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(e).hasMessage("placeorder failed (HTTP 503): broker timed out");
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void shouldReportAPlaceorderWithNoAnswerAsUnknownWithoutTheKey() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        OpenAlgoOrderClient unreachable = new OpenAlgoOrderClient("http://127.0.0.1:" + closedPort, KEY,
                Duration.ofSeconds(2), FAST);

        OrderGatewayException e = catchThrowableOfType(OrderGatewayException.class, () -> unreachable.place(SELL));

        assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
        OpenAlgoRestClientTest.assertNoKey(e);
        assertThat(unreachable.toString()).doesNotContain(KEY);
    }

    @Test
    void shouldTellARateLimitFromARefusalFromAnOrderQueuedForApproval() {
        server.answer(429, "{\"status\":\"error\",\"message\":\"Rate limit exceeded. Please slow down your requests.\"}");
        assertThat(catchThrowableOfType(OrderGatewayException.class, () -> client.place(SELL)).outcome())
                .isEqualTo(Outcome.NOT_ACCEPTED);

        server.answer(400, "{\"status\":\"error\",\"message\":\"{'quantity': ['Quantity must be a positive number.']}\"}");
        assertThat(catchThrowableOfType(OrderGatewayException.class, () -> client.place(SELL)).outcome())
                .isEqualTo(Outcome.REJECTED);

        server.answer(200, "{\"status\":\"success\",\"message\":\"Order queued for approval in Action Center\","
                + "\"mode\":\"semi_auto\",\"pending_order_id\":12}");
        OrderGatewayException queued = catchThrowableOfType(OrderGatewayException.class, () -> client.place(SELL));
        assertThat(queued.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(queued).hasMessageContaining("queued for approval").hasMessageContaining("auto order mode");

        server.answer(502, "<html>Bad Gateway</html>");
        assertThat(catchThrowableOfType(OrderGatewayException.class, () -> client.place(SELL)).outcome())
                .isEqualTo(Outcome.UNKNOWN);
        assertThat(server.requests()).isEqualTo(4);
    }

    @Test
    void shouldReadAnOrdersStatusSentWithItsTag() throws Exception {
        server.answer(200, """
                {"status":"success","data":{"action":"SELL","average_price":"78.95","exchange":"NFO",
                 "order_status":"complete","orderid":"250408000989443","price":79.05,"pricetype":"LIMIT",
                 "product":"NRML","quantity":"150","symbol":"NIFTY25NOV2524500PE","timestamp":"28-Aug-2025 09:59:10",
                 "trigger_price":0}}""");

        BrokerOrder order = client.status("250408000989443", "oc-7-1");

        assertThat(server.path).isEqualTo("/api/v1/orderstatus");
        assertThat(JSON.readTree(server.body)).isEqualTo(JSON.readTree(
                "{\"apikey\":\"" + KEY + "\",\"strategy\":\"oc-7-1\",\"orderid\":\"250408000989443\"}"));
        assertThat(order).isEqualTo(new BrokerOrder("250408000989443", "NIFTY25NOV2524500PE", "NFO", OrderAction.SELL,
                150, 79.05, "LIMIT", "NRML", BrokerOrderState.COMPLETE, 78.95, null,
                LocalDateTime.of(2025, 8, 28, 9, 59, 10).atZone(ZoneId.of("Asia/Kolkata")).toInstant().toEpochMilli()));
    }

    @Test
    void shouldRetryAStatusReadThroughServerErrorsButNotThroughAnOrderNotFound() {
        server.thenOnce(502, "{\"status\":\"error\",\"message\":\"broker down\"}")
                .answer(200, "{\"status\":\"success\",\"data\":{\"orderid\":\"1\",\"order_status\":\"open\"}}");
        assertThat(client.status("1", "oc-1-0").state()).isEqualTo(BrokerOrderState.OPEN);
        assertThat(server.requests()).isEqualTo(2);

        server.answer(404, "{\"status\":\"error\",\"message\":\"Order 9 not found\"}");
        OrderGatewayException e = catchThrowableOfType(OrderGatewayException.class, () -> client.status("9", "oc-1-0"));
        assertThat(e.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(server.requests()).isEqualTo(3);
    }

    @Test
    void shouldModifyWithEveryFieldModifyorderRequires() throws Exception {
        server.answer(200, "{\"status\":\"success\",\"orderid\":\"250408000989443\"}");

        client.modify("250408000989443", SELL.withPrice(77.1));

        assertThat(server.path).isEqualTo("/api/v1/modifyorder");
        assertThat(JSON.readTree(server.body)).isEqualTo(JSON.readTree("""
                {"apikey":"%s","strategy":"oc-7-1","exchange":"NFO","symbol":"NIFTY25NOV2524500PE",
                 "orderid":"250408000989443","action":"SELL","product":"NRML","pricetype":"LIMIT","price":77.1,
                 "quantity":150,"disclosed_quantity":0,"trigger_price":0}""".formatted(KEY)));
    }

    @Test
    void shouldCancelWithTheTagAndOrderId() throws Exception {
        server.answer(200, "{\"status\":\"success\",\"orderid\":\"5\"}");
        client.cancel("5", "oc-7-1");
        assertThat(server.path).isEqualTo("/api/v1/cancelorder");
        assertThat(JSON.readTree(server.body)).isEqualTo(JSON.readTree(
                "{\"apikey\":\"" + KEY + "\",\"strategy\":\"oc-7-1\",\"orderid\":\"5\"}"));
    }

    @Test
    void shouldReadTheOrderBookRowsAndSkipWhatCannotBeMatched() throws Exception {
        server.answer(200, """
                {"status":"success","data":{"orders":[
                  {"action":"SELL","exchange":"NFO","order_status":"open","orderid":"11","price":79.05,
                   "pricetype":"LIMIT","product":"NRML","quantity":150,"symbol":"NIFTY25NOV2524500PE",
                   "timestamp":"09:59:10","trigger_price":0},
                  {"action":"buy","exchange":"NFO","order_status":"TRIGGER PENDING","orderid":12,"price":"0",
                   "pricetype":"SL-M","product":"MIS","quantity":"75","symbol":"NIFTY25NOV2524500CE",
                   "strategy":"oc-3-0"},
                  {"action":"","orderid":"13"},
                  {"action":"SELL","order_status":"open"}],
                 "statistics":{"total_buy_orders":1,"total_sell_orders":1}}}""");

        List<BrokerOrder> book = client.orderBook();

        assertThat(server.path).isEqualTo("/api/v1/orderbook");
        assertThat(JSON.readTree(server.body)).isEqualTo(JSON.readTree("{\"apikey\":\"" + KEY + "\"}"));
        assertThat(book).containsExactly(
                new BrokerOrder("11", "NIFTY25NOV2524500PE", "NFO", OrderAction.SELL, 150, 79.05, "LIMIT", "NRML",
                        BrokerOrderState.OPEN, 0, null, 0),
                new BrokerOrder("12", "NIFTY25NOV2524500CE", "NFO", OrderAction.BUY, 75, 0, "SL-M", "MIS",
                        BrokerOrderState.TRIGGER_PENDING, 0, "oc-3-0", 0));
    }

    @Test
    void shouldScrubTheKeyWhenTheServerEchoesIt() {
        server.answer(403, "{\"status\":\"error\",\"message\":\"Invalid openalgo apikey " + KEY + "\"}");
        OrderGatewayException e = catchThrowableOfType(OrderGatewayException.class, () -> client.orderBook());
        assertThat(e.outcome()).isEqualTo(Outcome.ACCOUNT_REFUSED);
        assertThat(e).hasMessageContaining("****");
        OpenAlgoRestClientTest.assertNoKey(e);
    }

    /** The account refused, not the order: no order exists, and asking again at once would be refused the same. */
    @Test
    void shouldReportARefusedKeyAsTheAccountRefusingOnceWithoutRetrying() {
        for (int status : new int[] {401, 403}) {
            server.answer(status, "{\"status\":\"error\",\"message\":\"Invalid openalgo apikey\"}");
            long before = server.requests();

            OrderGatewayException place = catchThrowableOfType(OrderGatewayException.class, () -> client.place(SELL));
            OrderGatewayException book = catchThrowableOfType(OrderGatewayException.class, () -> client.orderBook());

            assertThat(place.outcome()).isEqualTo(Outcome.ACCOUNT_REFUSED);
            assertThat(book.outcome()).as("a read, which is otherwise retried").isEqualTo(Outcome.ACCOUNT_REFUSED);
            assertThat(place).hasMessageContaining("HTTP " + status).hasMessageContaining("Invalid openalgo apikey");
            assertThat(server.requests() - before).as("each asked once").isEqualTo(2);
        }
    }

    @Test
    void shouldKeepOrdersUnderTheRateItIsGiven() {
        server.answer(200, "{\"status\":\"success\",\"orderid\":\"1\"}");
        OpenAlgoOrderClient limited = new OpenAlgoOrderClient(server.url(), KEY, Duration.ofSeconds(10),
                OrderPolicy.defaults().withOrdersPerSecond(5));
        long start = System.nanoTime();
        for (int i = 0; i < 12; i++) {
            limited.place(SELL);
        }
        // 12 sends at 5 per second need at least two refills of the limiter, however fast the server answers
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1_000));
        assertThat(server.requests()).isEqualTo(12);
    }
}
