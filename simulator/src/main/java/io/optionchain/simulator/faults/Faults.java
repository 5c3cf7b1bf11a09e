package io.optionchain.simulator.faults;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * One account's fault switches, flipped while the simulator runs, so a client's recovery can be tested
 * against the failures a real OpenAlgo server, broker and network produce. Every switch takes effect at
 * once and is safe to flip from any thread. Connection, authentication, REST and order faults are this
 * account's own; broker down is shared by every account of its broker ({@link BrokerFaults}); the stall
 * and the per-tick faults belong to the one market every account streams ({@link MarketFaults}) and are
 * reached through any account; the order faults are read through {@link #orders()}. With everything off,
 * the tick path pays three volatile reads ({@link #stalled()}, {@link #remembersTicks()} and
 * {@link #tickFault()}) and the REST path five.
 */
public final class Faults implements TickFaults {
    /** OpenAlgo's Flask-Limiter message. */
    public static final String RATE_LIMIT_MESSAGE = "Rate limit exceeded. Please slow down your requests.";
    /** What a suspended account's REST calls and WebSocket authentication answer. */
    public static final String SUSPENDED_MESSAGE = "Account suspended by broker: trading and data access blocked";
    /** What every REST call answers while the account's broker is down. */
    public static final String BROKER_DOWN_MESSAGE = "Service Unavailable";
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

    private final String account;
    private final MarketFaults market;
    private final BrokerFaults broker;
    private final Clock clock;
    private final Runnable dropConnections;
    private final ToIntFunction<String> dropHolding;
    private final Runnable dropAuthenticated;
    private final ToIntFunction<String> dropById;
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger telegramFailures = new AtomicInteger();
    private final OrderFaults orders = new OrderFaults();
    private volatile boolean refuseAuth;
    private volatile boolean loggedOut;
    private volatile boolean suspended;
    /** Epoch milliseconds by {@link #clock} until which every REST call is refused; 0 for none. */
    private volatile long rateLimitedUntil;
    private volatile long restDelayMillis;

    Faults(long seed, Runnable dropConnections) {
        this(seed, dropConnections, symbol -> 0, dropConnections);
    }

    /** An account alone in its market and its broker, as the one-account simulator's tests build it. */
    public Faults(long seed, Runnable dropConnections, ToIntFunction<String> dropHolding, Runnable dropAuthenticated) {
        this("simulator", new MarketFaults(seed), new BrokerFaults("simulator"), Clock.systemUTC(), dropConnections,
                dropHolding, dropAuthenticated, id -> 0);
    }

    /**
     * @param account           the account's name, for the settings
     * @param clock             the simulator's clock, which times a rate limit for seconds
     * @param dropConnections   aborts every market-data connection of this account
     * @param dropHolding       aborts this account's connections subscribed to a symbol; returns how many
     * @param dropAuthenticated aborts this account's connections that have authenticated
     * @param dropById          aborts the one connection with this id ({@code GET /sim/connections}); returns 1, or 0
     */
    public Faults(String account, MarketFaults market, BrokerFaults broker, Clock clock, Runnable dropConnections,
                  ToIntFunction<String> dropHolding, Runnable dropAuthenticated, ToIntFunction<String> dropById) {
        this.account = account;
        this.market = market;
        this.broker = broker;
        this.clock = clock;
        this.dropById = dropById;
        this.dropConnections = dropConnections;
        this.dropHolding = dropHolding;
        this.dropAuthenticated = dropAuthenticated;
        broker.join(dropConnections);
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

    /** Market-wide, for every account: see {@link MarketFaults#stall}. */
    public void stall(boolean on) {
        market.stall(on);
    }

    /**
     * While on, authenticate answers AUTHENTICATION_ERROR "Invalid API key" whatever key is sent, and turning
     * it on aborts the connections already authenticated, so a live feed notices. REST still takes the key:
     * a stream that refuses what REST accepts. For a key refused everywhere use {@link #loggedOut(boolean)}.
     */
    public void refuseAuth(boolean on) {
        refuseAuth = on;
        if (on) {
            dropAuthenticated.run();
        }
    }

    /**
     * The account is logged out (OpenAlgo's daily broker login has not happened, or it expired): its key is
     * refused everywhere. While on, every REST call with the right key answers 403 "Invalid openalgo apikey",
     * ping included, as OpenAlgo does when it finds no broker token behind the key; the WebSocket refuses
     * authenticate as {@link #refuseAuth} does; and turning it on aborts the connections already
     * authenticated, so a live feed notices. Off: everything works again.
     */
    public void loggedOut(boolean on) {
        loggedOut = on;
        if (on) {
            dropAuthenticated.run();
        }
    }

    /**
     * The broker has suspended the account. While on, every REST call under /api/v1/ answers 500
     * {@link #SUSPENDED_MESSAGE}, authenticate answers BROKER_ERROR with it, and turning it on aborts every
     * market-data connection of the account.
     */
    public void suspend(boolean on) {
        suspended = on;
        if (on) {
            dropConnections.run();
        }
    }

    /**
     * The account's whole broker is down, or up again: acts on every account of the broker. While down,
     * REST under /api/v1/ answers 503 {@link #BROKER_DOWN_MESSAGE}, new WebSocket upgrades are refused with
     * HTTP 503, and going down aborts every market-data connection of those accounts.
     */
    public void brokerDown(boolean on) {
        broker.down(on);
    }

    /** The next {@code calls} REST calls under /api/v1/ answer 429; 0 cancels. */
    public void rateLimitRest(int calls) {
        rateLimited.set(count("calls", calls));
    }

    /**
     * Every REST call under /api/v1/ answers 429 for this long from now, by the simulator's clock; the
     * WebSocket is unaffected. Zero cancels.
     */
    public void rateLimitFor(Duration span) {
        if (span.isNegative()) {
            throw new IllegalArgumentException("rate limit span must not be negative, got " + span);
        }
        rateLimitedUntil = span.isZero() ? 0 : clock.millis() + span.toMillis();
    }

    /** Every REST reply under /api/v1/ is delayed by this much; zero turns it off. */
    public void slowRest(Duration delay) {
        restDelayMillis = millis(delay);
    }

    /** Market-wide, for every account: see {@link MarketFaults#malformedFrames}. */
    public void malformedFrames(double fraction) {
        market.malformedFrames(fraction);
    }

    /** Market-wide, for every account: see {@link MarketFaults#duplicateTicks}. */
    public void duplicateTicks(double fraction) {
        market.duplicateTicks(fraction);
    }

    /** Market-wide, for every account: see {@link MarketFaults#zeroBidAsk}. */
    public void zeroBidAsk(double fraction) {
        market.zeroBidAsk(fraction);
    }

    /** Market-wide, for every account: see {@link MarketFaults#missingDepth}. */
    public void missingDepth(double fraction) {
        market.missingDepth(fraction);
    }

    /** Market-wide, for every account: see {@link MarketFaults#oversizedFrames}. */
    public void oversizedFrames(double fraction, int bytes) {
        market.oversizedFrames(fraction, bytes);
    }

    /** Market-wide, for every account: see {@link MarketFaults#unknownSymbols}. */
    public void unknownSymbols(double fraction) {
        market.unknownSymbols(fraction);
    }

    /** Market-wide, for every account: see {@link MarketFaults#outOfOrderTicks}. */
    public void outOfOrderTicks(double fraction) {
        market.outOfOrderTicks(fraction);
    }

    /**
     * The option's book quoted at {@code factor} times its fair value, untraded, its last trade left where it was;
     * 1 ends it. Market-wide: every account quotes the same book. See {@link MarketFaults#gapBook}.
     */
    public void gapBook(String symbol, double factor) {
        market.gapBook(symbol, factor);
    }

    /** This account's: see {@link OrderFaults#rejectNext}. */
    public void rejectNextOrders(int count) {
        orders.rejectNext(count);
    }

    /** This account's: see {@link OrderFaults#failNext}. */
    public void failNextOrders(int count) {
        orders.failNext(count);
    }

    /** This account's: see {@link OrderFaults#slow}. */
    public void slowOrders(Duration delay) {
        orders.slow(delay);
    }

    /** This account's: see {@link OrderFaults#neverFill}. */
    public void neverFill(boolean on) {
        orders.neverFill(on);
    }

    /**
     * The next {@code calls} Telegram notifications answer 500 "Failed to send notification", as OpenAlgo does
     * while its bot is not running, and deliver nothing. 0 cancels.
     */
    public void failTelegram(int calls) {
        telegramFailures.set(count("calls", calls));
    }

    /** Uses up one pending Telegram failure, if any. */
    public boolean takeTelegramFailure() {
        return takeOne(telegramFailures);
    }

    /**
     * Everything off; pending rate limits, rejections and failures are forgotten. Also brings the account's
     * broker up and clears the market-wide faults, for every account sharing them.
     */
    public void reset() {
        refuseAuth = false;
        loggedOut = false;
        suspended = false;
        rateLimited.set(0);
        telegramFailures.set(0);
        rateLimitedUntil = 0;
        restDelayMillis = 0;
        orders.reset();
        broker.down(false);
        market.reset();
    }

    /** The current settings, for the control API and logs: the same keys since before accounts existed. */
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        market.stallSetting(settings);
        settings.put("refuse_auth", refuseAuth);
        settings.put("logged_out", loggedOut);
        settings.put("rate_limit_remaining", rateLimited.get());
        settings.put("slow_rest_ms", restDelayMillis);
        settings.put("fail_telegram_remaining", telegramFailures.get());
        market.rateSettings(settings);
        orders.settings(settings);
        return settings;
    }

    /** The account, its broker and the switches that came with accounts; the rate limit's end as ISO-8601 or null. */
    public Map<String, Object> accountSettings() {
        long until = rateLimitedUntil;
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("name", account);
        settings.put("broker", broker.name());
        settings.put("suspended", suspended);
        settings.put("broker_down", broker.isDown());
        settings.put("rate_limited_until", until == 0 ? null : Instant.ofEpochMilli(until).toString());
        return settings;
    }

    @Override
    public boolean stalled() {
        return market.stalled();
    }

    public boolean refusingAuth() {
        return refuseAuth;
    }

    public boolean loggedOut() {
        return loggedOut;
    }

    public boolean suspended() {
        return suspended;
    }

    public boolean brokerIsDown() {
        return broker.isDown();
    }

    public long restDelayMillis() {
        return restDelayMillis;
    }

    /** What the order desk and endpoints read. */
    public OrderFaults orders() {
        return orders;
    }

    /**
     * Whether this REST call is refused for the rate: while a timed limit lasts, or by using up one of the
     * pending 429s, never going below zero.
     */
    public boolean takeRateLimit() {
        long until = rateLimitedUntil;
        if (until != 0 && clock.millis() < until) {
            return true;
        }
        return takeOne(rateLimited);
    }

    @Override
    public boolean remembersTicks() {
        return market.remembersTicks();
    }

    @Override
    public int oversizedBytes() {
        return market.oversizedBytes();
    }

    @Override
    public int pick(int bound) {
        return market.pick(bound);
    }

    @Override
    public TickFault tickFault() {
        return market.tickFault();
    }

    static boolean takeOne(AtomicInteger pending) {
        return pending.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }

    static int count(String name, int count) {
        if (count < 0) {
            throw new IllegalArgumentException(name + " must be 0 or more, got " + count);
        }
        return count;
    }

    static long millis(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay);
        }
        return delay.toMillis();
    }
}
