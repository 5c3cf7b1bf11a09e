package io.optionchain.gateway.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.optionchain.engine.ports.BrokerOrder;
import io.optionchain.engine.ports.BrokerPosition;
import io.optionchain.engine.ports.ExitOrder;
import io.optionchain.engine.ports.OrderGateway;
import io.optionchain.engine.ports.OrderGatewayException.Outcome;
import io.optionchain.engine.ports.OrderGatewayException;
import io.optionchain.gateway.rest.OpenAlgoEndpoint;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import static io.optionchain.gateway.rest.OpenAlgoEndpoint.excerpt;

/**
 * OpenAlgo's order endpoints ({@code /api/v1/placeorder}, {@code orderstatus}, {@code modifyorder},
 * {@code cancelorder}, {@code orderbook}, {@code positionbook}) as the engine's {@link OrderGateway}.
 *
 * <p>Strict in what it sends: exactly the fields each endpoint's schema takes ({@code restx_api/schemas.py},
 * {@code account_schema.py}), the API key in the body, the exit's tag in {@code strategy}. Liberal in what it
 * reads: numbers as strings, statuses in any case, an order book as {@code data.orders} or a bare list.
 *
 * <p>Every failure is an {@link OrderGatewayException} that says what the caller may conclude: 429 or a
 * client-side limiter with no permit is {@link Outcome#NOT_ACCEPTED} (nothing was sent or handled); 401 or 403
 * (OpenAlgo's "Invalid openalgo apikey", also its answer while the broker login is gone) is
 * {@link Outcome#ACCOUNT_REFUSED}, the account and not the order refused; another
 * 4xx, an error status, or a reply that queues the order for manual approval is {@link Outcome#REJECTED};
 * a 5xx, a timeout, no answer or an unreadable one is {@link Outcome#UNKNOWN}. {@code placeorder} is tried once,
 * never retried here ({@link OrderPolicy}). The API key never appears in a message or in {@link #toString()}.
 * Thread-safe.
 */
public final class OpenAlgoOrderClient implements OrderGateway {
    private final OpenAlgoEndpoint server;
    private final RateLimiter orderLimiter;
    private final RateLimiter readLimiter;
    private final Retry retry;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /** @param baseUrl e.g. {@code http://127.0.0.1:5000}, without {@code /api/v1} */
    public OpenAlgoOrderClient(String baseUrl, String apiKey, Duration timeout) {
        this(baseUrl, apiKey, timeout, OrderPolicy.defaults());
    }

    public OpenAlgoOrderClient(String baseUrl, Supplier<String> apiKey, Duration timeout) {
        this(baseUrl, apiKey, timeout, OrderPolicy.defaults());
    }

    /**
     * @param timeout for connecting, for each whole request, and for waiting on a rate limiter; a placeorder
     *                that times out has an unknown outcome, so keep it well above the server's usual answer
     */
    public OpenAlgoOrderClient(String baseUrl, String apiKey, Duration timeout, OrderPolicy policy) {
        this(baseUrl, () -> apiKey, timeout, policy);
    }

    /** @param apiKey the account's key as it stands at each request: a key read from a file may be replaced */
    public OpenAlgoOrderClient(String baseUrl, Supplier<String> apiKey, Duration timeout, OrderPolicy policy) {
        this.server = new OpenAlgoEndpoint(baseUrl, apiKey, timeout);
        this.orderLimiter = server.limiter("openalgo-orders", policy.ordersPerSecond());
        this.readLimiter = server.limiter("openalgo-order-reads", policy.readsPerSecond());
        this.retry = OpenAlgoEndpoint.retry("openalgo-order-calls", policy.maxAttempts(), policy.firstRetryDelay(),
                policy.maxRetryDelay(), e -> e instanceof OrderGatewayException g
                        && (g.outcome() == Outcome.NOT_ACCEPTED || g.outcome() == Outcome.UNKNOWN));
    }

    /** A LIMIT order, tried once. */
    @Override
    public String place(ExitOrder order) {
        ObjectNode body = request()
                .put("strategy", order.tag())
                .put("exchange", order.exchange())
                .put("symbol", order.symbol())
                .put("action", order.action().name())
                .put("quantity", order.quantity())
                .put("pricetype", "LIMIT")
                .put("product", order.product())
                .put("price", price(order.price()))
                .put("trigger_price", 0)
                .put("disclosed_quantity", 0);
        JsonNode reply = send("placeorder", body, orderLimiter);
        String orderId = OrderRows.text(reply, "orderid");
        if (orderId == null) {
            // semi-auto mode: queued in OpenAlgo's Action Center for a person to approve; sending again
            // would queue a second exit
            throw failure(Outcome.REJECTED, "placeorder", 200, "no order id in the reply ("
                    + excerpt(scrub(OrderRows.text(reply, "message") == null ? reply.toString() : OrderRows.text(reply, "message")))
                    + "); automated exits need OpenAlgo's auto order mode");
        }
        return orderId;
    }

    @Override
    public BrokerOrder status(String orderId, String tag) {
        JsonNode reply = repeatable("orderstatus", request().put("strategy", tag).put("orderid", orderId), readLimiter);
        JsonNode data = reply.path("data");
        if (!data.isObject()) {
            throw failure(Outcome.UNKNOWN, "orderstatus", 200, "reply has no data: " + excerpt(scrub(reply.toString())));
        }
        BrokerOrder order = OrderRows.order(data);
        if (order.orderId() == null) {
            return new BrokerOrder(orderId, order.symbol(), order.exchange(), order.action(), order.quantity(),
                    order.price(), order.priceType(), order.product(), order.state(), order.averagePrice(),
                    order.strategy(), order.placedMillis());
        }
        return order;
    }

    /** Re-prices in place: every field modifyorder requires, the same symbol, side and quantity. */
    @Override
    public void modify(String orderId, ExitOrder order) {
        repeatable("modifyorder", request()
                .put("strategy", order.tag())
                .put("exchange", order.exchange())
                .put("symbol", order.symbol())
                .put("orderid", orderId)
                .put("action", order.action().name())
                .put("product", order.product())
                .put("pricetype", "LIMIT")
                .put("price", price(order.price()))
                .put("quantity", order.quantity())
                .put("disclosed_quantity", 0)
                .put("trigger_price", 0), orderLimiter);
    }

    @Override
    public void cancel(String orderId, String tag) {
        repeatable("cancelorder", request().put("strategy", tag).put("orderid", orderId), orderLimiter);
    }

    /** Today's orders; rows without an order id or a readable side are left out. */
    @Override
    public List<BrokerOrder> orderBook() {
        JsonNode reply = repeatable("orderbook", request(), readLimiter);
        JsonNode data = reply.path("data");
        JsonNode rows = data.isArray() ? data : data.path("orders");
        if (!rows.isArray()) {
            throw failure(Outcome.UNKNOWN, "orderbook", 200, "reply has no orders: " + excerpt(scrub(reply.toString())));
        }
        List<BrokerOrder> orders = new ArrayList<>();
        for (JsonNode row : rows) {
            BrokerOrder order = OrderRows.order(row);
            if (order.orderId() != null && order.action() != null) {
                orders.add(order);
            }
        }
        return orders;
    }

    /**
     * The day's net positions as the broker lists them, closed ones (quantity 0) included. Strict where an order
     * row is liberal: a holding misread would hide one, so an answer that is not a list of positions, or any row
     * without a symbol, exchange, product and whole quantity, fails the whole read ({@link Outcome#UNKNOWN}).
     */
    @Override
    public List<BrokerPosition> positionBook() {
        JsonNode reply = repeatable("positionbook", request(), readLimiter);
        JsonNode data = reply.path("data");
        if (data.isObject() && data.isEmpty()) {
            return List.of();   // some brokers' mappings answer {} for a day without positions
        }
        if (!data.isArray()) {
            throw failure(Outcome.UNKNOWN, "positionbook", 200, "reply has no list of positions: "
                    + excerpt(scrub(reply.toString())));
        }
        List<BrokerPosition> positions = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            BrokerPosition position = OrderRows.position(data.get(i));
            if (position == null) {
                throw failure(Outcome.UNKNOWN, "positionbook", 200, "row " + i + " does not say what is held (a"
                        + " symbol, exchange, product and whole quantity): " + excerpt(scrub(data.get(i).toString())));
            }
            positions.add(position);
        }
        return positions;
    }

    /** HTTP requests sent, retries included. */
    public long requests() {
        return requests.get();
    }

    /** Calls that ended in an exception. */
    public long failures() {
        return failures.get();
    }

    @Override
    public String toString() {
        return "OpenAlgoOrderClient[" + server + "]";
    }

    private ObjectNode request() {
        return server.body();
    }

    /** A call safe to repeat: retried on 429, 5xx and no answer. */
    private JsonNode repeatable(String endpoint, ObjectNode body, RateLimiter limiter) {
        try {
            return Retry.decorateSupplier(retry, () -> once(endpoint, body, limiter)).get();
        } catch (OrderGatewayException e) {
            failures.incrementAndGet();
            throw e;
        }
    }

    private JsonNode send(String endpoint, ObjectNode body, RateLimiter limiter) {
        try {
            return once(endpoint, body, limiter);
        } catch (OrderGatewayException e) {
            failures.incrementAndGet();
            throw e;
        }
    }

    private JsonNode once(String endpoint, ObjectNode body, RateLimiter limiter) {
        long waitNanos = limiter.reservePermission();
        if (waitNanos < 0) {
            throw failure(Outcome.NOT_ACCEPTED, endpoint, 0, "client-side rate limit: no permit within " + server.timeout());
        }
        if (waitNanos > 0) {
            LockSupport.parkNanos(waitNanos);
        }
        requests.incrementAndGet();
        HttpResponse<String> response;
        try {
            response = server.post(endpoint, body.toString());
        } catch (IOException e) {
            throw failure(Outcome.UNKNOWN, endpoint, 0, "no answer from " + server.baseUrl() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(Outcome.UNKNOWN, endpoint, 0, "interrupted while waiting for the answer", e);
        }
        int status = response.statusCode();
        JsonNode reply = OpenAlgoEndpoint.parse(response.body());
        if (status == 429) {
            throw failure(Outcome.NOT_ACCEPTED, endpoint, status, message(reply, response.body()));
        }
        if (status == 401 || status == 403) {
            // a refused key is not retried: it answers the same until its key or login changes
            throw failure(Outcome.ACCOUNT_REFUSED, endpoint, status, message(reply, response.body()));
        }
        if (status >= 500 || (status == 200 && (reply == null || !reply.isObject()))) {
            throw failure(Outcome.UNKNOWN, endpoint, status, message(reply, response.body()));
        }
        if (status != 200 || reply == null || !reply.isObject() || "error".equals(reply.path("status").asText())) {
            throw failure(Outcome.REJECTED, endpoint, status, message(reply, response.body()));
        }
        return reply;
    }

    private String message(JsonNode reply, String body) {
        if (reply == null || !reply.isObject()) {
            return "reply is not a JSON object: " + excerpt(scrub(body));
        }
        return server.serverMessage(reply);
    }

    private OrderGatewayException failure(Outcome outcome, String endpoint, int status, String message) {
        return failure(outcome, endpoint, status, message, null);
    }

    private OrderGatewayException failure(Outcome outcome, String endpoint, int status, String message, Throwable cause) {
        return new OrderGatewayException(outcome, endpoint + " failed" + (status == 0 ? "" : " (HTTP " + status + ")")
                + ": " + scrub(message), cause);
    }

    private String scrub(String text) {
        return server.scrub(text);
    }

    /** A limit price as OpenAlgo reads it: a plain decimal, 79.05 rather than 79.05000000000001. */
    private static BigDecimal price(double price) {
        return BigDecimal.valueOf(Math.round(price * 10_000) / 10_000.0).stripTrailingZeros();
    }
}
