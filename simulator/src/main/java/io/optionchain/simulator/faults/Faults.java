package io.optionchain.simulator.faults;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * Fault injection, switchable while the simulator runs, so a client's recovery can be tested against the
 * failures a real OpenAlgo server and network produce. Every switch takes effect at once and is safe to
 * flip from any thread. With everything off, the tick path pays three volatile reads ({@link #stalled()},
 * {@link #remembersTicks()} and {@link #tickFault()}) and the REST path three more.
 *
 * <p>A stall withholds ticks only: the socket stays open, and Jetty keeps answering the client's RFC 6455
 * pings (it has no switch to stop that), as does the server's own 20 s ping. A client that counts pongs as
 * life will therefore not see a stall as silence while it pings; one that does not ping, or pings less
 * often than its stale limit, will.
 *
 * <p>Per-tick faults are drawn from a generator seeded from the simulator's seed and used only by the
 * publisher thread, so the same seed and settings give the same faulty ticks. A tick suffers at most one
 * of them, drawn in the order of {@link TickFault}; fractions that add up past 1 starve the later ones.
 *
 * <p>Order faults act on the REST order endpoints ({@code OrderDesk}): they model a broker that rejects
 * after accepting, fails outright, answers too late for the client (while the order does exist), or
 * never fills.
 */
public final class Faults {
    /** OpenAlgo's Flask-Limiter message. */
    public static final String RATE_LIMIT_MESSAGE = "Rate limit exceeded. Please slow down your requests.";
    /** Size of an oversized frame unless told otherwise: twice a common 1 MiB client limit. */
    public static final int DEFAULT_OVERSIZED_BYTES = 2 << 20;
    static final int MAX_OVERSIZED_BYTES = 32 << 20;

    /** What to do to one tick. */
    public enum TickFault {
        NONE, MALFORMED, DUPLICATE, ZERO_BID_ASK,
        /** Depth sent as {@code "buy":[],"sell":[]}. */
        EMPTY_DEPTH,
        /** Depth left out of a Depth-mode frame altogether. */
        NO_DEPTH,
        /** The tick padded to {@link #oversizedBytes()} with a filler field. */
        OVERSIZED,
        /** The tick, then a copy of it under a symbol nobody subscribed to or that does not exist. */
        UNKNOWN_SYMBOL,
        /** The tick, then an older tick of the same symbol again (older ltt, timestamp and prices). */
        OUT_OF_ORDER
    }

    private final Runnable dropConnections;
    private final ToIntFunction<String> dropHolding;
    private final Runnable dropAuthenticated;
    private final ToIntFunction<String> dropById;
    private final SplittableRandom random;
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger ordersToReject = new AtomicInteger();
    private final AtomicInteger ordersToFail = new AtomicInteger();
    private volatile boolean stalled;
    private volatile boolean refuseAuth;
    private volatile boolean loggedOut;
    private volatile long restDelayMillis;
    private volatile long orderDelayMillis;
    private volatile boolean neverFill;
    private volatile TickFaultRates rates = TickFaultRates.OFF;

    Faults(long seed, Runnable dropConnections) {
        this(seed, dropConnections, symbol -> 0, dropConnections);
    }

    /**
     * @param dropConnections   aborts every market-data connection
     * @param dropHolding       aborts the connections subscribed to a symbol; returns how many
     * @param dropAuthenticated aborts the connections that have authenticated
     */
    public Faults(long seed, Runnable dropConnections, ToIntFunction<String> dropHolding,
                  Runnable dropAuthenticated) {
        this(seed, dropConnections, dropHolding, dropAuthenticated, id -> 0);
    }

    /** @param dropById aborts the one connection with this id ({@code GET /sim/connections}); returns 1, or 0 */
    public Faults(long seed, Runnable dropConnections, ToIntFunction<String> dropHolding,
                  Runnable dropAuthenticated, ToIntFunction<String> dropById) {
        this.dropById = dropById;
        this.dropConnections = dropConnections;
        this.dropHolding = dropHolding;
        this.dropAuthenticated = dropAuthenticated;
        // Its own stream, so switching faults on does not change the market's prices for a seed.
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    /** Aborts every market-data connection without a close frame, as a network drop would (1006 at the client). */
    public void dropConnections() {
        dropConnections.run();
    }

    /**
     * Aborts, as {@link #dropConnections()} does, only the connections subscribed to {@code symbol} (in any
     * mode, on any exchange): one connection of a client's pool failing while the others carry on.
     *
     * @return connections dropped; 0 when nobody holds the symbol
     */
    public int dropConnectionHolding(String symbol) {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("symbol must be given");
        }
        return dropHolding.applyAsInt(symbol);
    }

    /**
     * Aborts, as {@link #dropConnections()} does, the one connection with this id: one socket of a client failing
     * while its others, even those holding the same symbols, carry on.
     *
     * @return connections dropped: 1, or 0 when no live connection has the id
     */
    public int dropConnection(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("connection id must be given");
        }
        return dropById.applyAsInt(id);
    }

    /** While on, no ticks are sent to any session; sockets stay open. */
    public void stall(boolean on) {
        stalled = on;
    }

    /** While on, authenticate answers AUTHENTICATION_ERROR "Invalid API key" whatever key is sent. */
    public void refuseAuth(boolean on) {
        refuseAuth = on;
    }

    /**
     * The account is logged out (OpenAlgo's daily broker login has not happened, or it expired). While on,
     * every REST call with the right key answers 403 "Invalid openalgo apikey", ping included, as OpenAlgo
     * does when it finds no broker token behind the key; the WebSocket refuses authenticate as
     * {@link #refuseAuth} does; and turning it on aborts the connections already authenticated, so a live
     * feed notices. Off: everything works again.
     */
    public void loggedOut(boolean on) {
        loggedOut = on;
        if (on) {
            dropAuthenticated.run();
        }
    }

    /** The next {@code calls} REST calls under /api/v1/ answer 429; 0 cancels. */
    public void rateLimitRest(int calls) {
        rateLimited.set(count("calls", calls));
    }

    /** Every REST reply under /api/v1/ is delayed by this much; zero turns it off. */
    public void slowRest(Duration delay) {
        restDelayMillis = millis(delay);
    }

    /** This fraction of ticks (0..1) is sent as a truncated, unparseable frame instead. */
    public void malformedFrames(double fraction) {
        rates = rates.withMalformed(fraction("malformed", fraction));
    }

    /** This fraction of ticks (0..1) is sent twice. */
    public void duplicateTicks(double fraction) {
        rates = rates.withDuplicates(fraction("duplicates", fraction));
    }

    /** This fraction of ticks (0..1) is sent with best bid and ask zeroed, price and size. */
    public void zeroBidAsk(double fraction) {
        rates = rates.withZeroBidAsk(fraction("zeroBidAsk", fraction));
    }

    /**
     * This fraction of ticks (0..1) is sent without a bid or ask: half of them (drawn) with empty depth
     * arrays, the others with no depth at all. Only Depth-mode frames carry depth, so only they change.
     */
    public void missingDepth(double fraction) {
        rates = rates.withMissingDepth(fraction("missingDepth", fraction));
    }

    /**
     * This fraction of ticks (0..1) is sent as a frame of {@code bytes} bytes: the real tick, valid JSON,
     * with a {@code "padding"} string of spaces after its data. A client that caps frame size sees it
     * break the cap; one that does not must still parse the tick. Each such frame is a new array of that
     * size, queued per client like any tick: at hundreds of ticks a second keep the fraction small.
     */
    public void oversizedFrames(double fraction, int bytes) {
        if (bytes < 1 || bytes > MAX_OVERSIZED_BYTES) {
            throw new IllegalArgumentException("bytes must be 1.." + MAX_OVERSIZED_BYTES + ", got " + bytes);
        }
        rates = rates.withOversized(fraction("oversized", fraction), bytes);
    }

    /**
     * After this fraction of ticks (0..1), a copy of the tick is sent under a symbol the client never
     * subscribed to: an off-grid NIFTY strike, an index the simulator does not list, an equity.
     */
    public void unknownSymbols(double fraction) {
        rates = rates.withUnknownSymbols(fraction("unknownSymbols", fraction));
    }

    /**
     * After this fraction of ticks (0..1), an older tick of the same symbol is sent again: one whose
     * {@code ltt} is strictly older than the tick just sent, with its older timestamp and prices. Until
     * a symbol's exchange time has moved on since the switch was flipped (never, under a fixed clock)
     * there is no older tick, and the tick goes out alone.
     */
    public void outOfOrderTicks(double fraction) {
        rates = rates.withOutOfOrder(fraction("outOfOrder", fraction));
    }

    /**
     * The next {@code orders} placed orders are accepted (an order id comes back) and then rejected by
     * the broker's risk checks: order status "rejected" with a broker message. 0 cancels.
     */
    public void rejectNextOrders(int orders) {
        ordersToReject.set(count("orders", orders));
    }

    /** The next {@code orders} placeorder calls answer HTTP 500 and place nothing. 0 cancels. */
    public void failNextOrders(int orders) {
        ordersToFail.set(count("orders", orders));
    }

    /**
     * Every placeorder answers this much later; the order is placed (and may fill) before the wait, as
     * when a broker is slow to acknowledge and the client times out on an order that exists. Zero: off.
     */
    public void slowOrders(Duration delay) {
        orderDelayMillis = millis(delay);
    }

    /** While on, orders rest unfilled (open, or trigger pending); once off they fill on the next ticks. */
    public void neverFill(boolean on) {
        neverFill = on;
    }

    /** Everything off; pending rate limits, rejections and failures are forgotten. */
    public void reset() {
        stalled = false;
        refuseAuth = false;
        loggedOut = false;
        rateLimited.set(0);
        restDelayMillis = 0;
        rates = TickFaultRates.OFF;
        ordersToReject.set(0);
        ordersToFail.set(0);
        orderDelayMillis = 0;
        neverFill = false;
    }

    /** The current settings, for the control API and logs. */
    public Map<String, Object> settings() {
        TickFaultRates now = rates;
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("stall", stalled);
        settings.put("refuse_auth", refuseAuth);
        settings.put("logged_out", loggedOut);
        settings.put("rate_limit_remaining", rateLimited.get());
        settings.put("slow_rest_ms", restDelayMillis);
        settings.put("malformed", now.malformed());
        settings.put("duplicates", now.duplicates());
        settings.put("zero_bid_ask", now.zeroBidAsk());
        settings.put("missing_depth", now.missingDepth());
        settings.put("oversized", now.oversized());
        settings.put("oversized_bytes", now.oversizedBytes());
        settings.put("unknown_symbols", now.unknownSymbols());
        settings.put("out_of_order", now.outOfOrder());
        settings.put("reject_orders_remaining", ordersToReject.get());
        settings.put("fail_orders_remaining", ordersToFail.get());
        settings.put("slow_orders_ms", orderDelayMillis);
        settings.put("never_fill", neverFill);
        return settings;
    }

    public boolean stalled() {
        return stalled;
    }

    public boolean refusingAuth() {
        return refuseAuth;
    }

    public boolean loggedOut() {
        return loggedOut;
    }

    public long restDelayMillis() {
        return restDelayMillis;
    }

    public long orderDelayMillis() {
        return orderDelayMillis;
    }

    public boolean neverFilling() {
        return neverFill;
    }

    /** Uses up one of the pending 429s, if any; never goes below zero. */
    public boolean takeRateLimit() {
        return takeOne(rateLimited);
    }

    /** Uses up one pending rejection, if any. */
    public boolean takeOrderRejection() {
        return takeOne(ordersToReject);
    }

    /** Uses up one pending placeorder failure, if any. */
    public boolean takeOrderFailure() {
        return takeOne(ordersToFail);
    }

    /** Whether the publisher must remember recent ticks, which only out-of-order replays need. */
    public boolean remembersTicks() {
        return rates.outOfOrder() > 0;
    }

    public int oversizedBytes() {
        return rates.oversizedBytes();
    }

    /** A seeded draw in 0..bound-1, for choices inside a fault; publisher thread only. */
    public int pick(int bound) {
        return random.nextInt(bound);
    }

    /** The fault for the next tick; publisher thread only. At most one fault per tick. */
    public TickFault tickFault() {
        TickFaultRates now = rates;
        return now.off() ? TickFault.NONE : now.draw(random.nextDouble());
    }

    private static boolean takeOne(AtomicInteger pending) {
        return pending.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }

    private static int count(String name, int count) {
        if (count < 0) {
            throw new IllegalArgumentException(name + " must be 0 or more, got " + count);
        }
        return count;
    }

    private static long millis(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay);
        }
        return delay.toMillis();
    }

    private static double fraction(String name, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException(name + " must be a fraction 0..1, got " + fraction);
        }
        return fraction;
    }
}
