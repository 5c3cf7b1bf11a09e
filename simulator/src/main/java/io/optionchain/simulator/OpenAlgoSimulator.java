package io.optionchain.simulator;

import io.optionchain.simulator.faults.Faults;
import io.optionchain.simulator.rest.TelegramApi;
import io.optionchain.simulator.stream.FeedConnection;
import io.optionchain.simulator.stream.MarketDataSocket;
import io.optionchain.simulator.stream.StreamProtocol;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * A simulated OpenAlgo server: REST on one port, the market-data WebSocket on another, and a seeded
 * market behind both. Start one per test; {@link #close()} stops everything. It is the one-account case of
 * {@link SimulatedBrokers} (which draws the wiring): an account named "simulator" of a broker of that name.
 */
public final class OpenAlgoSimulator implements AutoCloseable {
    /** The one account's name and its broker's, as {@code GET /sim/faults} reports them. */
    static final String ACCOUNT = StreamProtocol.BROKER;

    private final SimulatedBrokers brokers;
    private final SimulatedAccount account;

    private OpenAlgoSimulator(SimulatedBrokers brokers) {
        this.brokers = brokers;
        this.account = brokers.account(ACCOUNT);
    }

    /** Binds both servers and starts ticking; throws if a port cannot be bound, leaving nothing running. */
    public static OpenAlgoSimulator start(SimulatorConfig config) {
        return start(config, MarketDataSocket.AUTH_TIMEOUT);
    }

    /** As {@link #start(SimulatorConfig)} with a shorter auth grace, so a test need not wait 15 s. */
    static OpenAlgoSimulator start(SimulatorConfig config, Duration authTimeout) {
        AccountSpec only = new AccountSpec(ACCOUNT, StreamProtocol.BROKER, config.apiKey(), config.restPort(),
                config.wsPort());
        return new OpenAlgoSimulator(SimulatedBrokers.start(config, List.of(only), authTimeout));
    }

    /** {@code http://host:port}; the API lives under {@code /api/v1/}. */
    public String restUrl() {
        return account.restUrl();
    }

    /** {@code ws://host:port}; the feed is served at path "/". */
    public String wsUrl() {
        return account.wsUrl();
    }

    /** Current level of NIFTY or BANKNIFTY. */
    public double indexPrice(String index) {
        return brokers.indexPrice(index);
    }

    /** See {@link SimulatedBrokers#contract}: the lot size, tick size and freeze quantity served from now on. */
    public void contract(String index, int lotSize, double tickSize, int freezeQty) {
        brokers.contract(index, lotSize, tickSize, freezeQty);
    }

    /** Option expiries of NIFTY or BANKNIFTY listed now, ascending. */
    public List<LocalDate> expiries(String index) {
        return brokers.expiries(index);
    }

    public SimulatorConfig config() {
        return brokers.config();
    }

    /**
     * Changes the market's pace while it runs: frames a second across all subscribed symbols, or 0 to
     * pause everything, indices included. The configured rate applies until this is called. Returns once
     * the ticking thread works at the new rate: after {@code rate(0)} nothing ticks (or fills) any more.
     */
    public void rate(int ticksPerSecond) {
        brokers.rate(ticksPerSecond);
    }

    /** Switches for injecting failures while running; also reachable over REST under /sim/faults. */
    public Faults faults() {
        return account.faults();
    }

    /**
     * Every order placed since the start, oldest first, as the broker holds it now: a snapshot that does
     * not change afterwards. Orders refused outright (HTTP 400, 403 or the injected 500) are not orders
     * and are not listed; accepted-then-rejected ones are. Also served as {@code GET /sim/orders}.
     */
    public List<BrokerOrder> orders() {
        return account.orders();
    }

    /** See {@link SimulatedAccount#telegramNotifications()}. */
    public List<TelegramApi.TelegramNotification> telegramNotifications() {
        return account.telegramNotifications();
    }

    /** Every live market-data session, authenticated or not; also served as {@code GET /sim/connections}. */
    public List<FeedConnection> connections() {
        return account.connections();
    }

    /** Tick frames handed to the socket for all clients together since the start. */
    public long sentTicks() {
        return account.sentTicks();
    }

    /** Tick frames withheld because a client had too many in flight already; never sent, never queued. */
    public long droppedTicks() {
        return account.droppedTicks();
    }

    @Override
    public void close() {
        brokers.close();
    }
}
