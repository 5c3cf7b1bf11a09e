package io.optionchain.simulator;

import io.javalin.config.RoutesConfig;
import io.optionchain.simulator.faults.FaultRoutes;
import io.optionchain.simulator.faults.Faults;
import io.optionchain.simulator.market.MarketModel;
import io.optionchain.simulator.market.SimulatedIndex;
import io.optionchain.simulator.orders.OrderApi;
import io.optionchain.simulator.orders.OrderDesk;
import io.optionchain.simulator.rest.RestApi;
import io.optionchain.simulator.rest.RestWire;
import io.optionchain.simulator.stream.FeedConnection;
import io.optionchain.simulator.stream.MarketDataSocket;
import io.optionchain.simulator.stream.StreamProtocol;
import io.optionchain.simulator.stream.Subscriptions;
import io.optionchain.simulator.stream.TickPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * A simulated OpenAlgo server: REST on one port, the market-data WebSocket on another, and a seeded
 * market behind both. Start one per test; {@link #close()} stops everything.
 *
 * <pre>
 *   REST /api/v1/* ──► RestApi ─────────────────────────┐
 *            orders ──► OrderApi ──► OrderDesk ◄─ tick ──┤ (fills against each new book)
 *                                                       ├──► MarketModel ── IndexState, OptionState
 *   WS   /  ──► MarketDataSocket ──► StreamProtocol ────┘         ▲ tick
 *                   │ ClientSession ◄── Subscriptions ◄── TickPublisher (one paced thread)
 * </pre>
 *
 * <p>This package is the public face and the only place that wires; each room below depends only on the
 * rooms under it: {@code orders} on {@code rest}, {@code rest} and {@code orders} on {@code stream},
 * and all of them on {@code faults} and {@code market}, which depend on nothing here.
 */
public final class OpenAlgoSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAlgoSimulator.class);
    private final SimulatorConfig config;
    private final MarketModel model;
    private final RestApi rest;
    private final MarketDataSocket socket;
    private final TickPublisher publisher;
    private final Faults faults;
    private final OrderDesk desk;
    private final Thread publisherThread;
    private boolean closed;

    private OpenAlgoSimulator(SimulatorConfig config, Duration authTimeout) {
        this.config = config;
        // Wired in data-flow order: 1. market, 2. routing table, 3. broker, 4. servers, 5. the ticking thread.
        this.model = new MarketModel(config.seed(), config.clock());
        Subscriptions subscriptions = new Subscriptions();
        // The faults act on the socket, which does not exist yet; they reach it through this simulator.
        this.faults = new Faults(config.seed(), this::dropConnections, this::dropConnectionsHolding,
                this::dropAuthenticatedConnections, this::dropConnection);
        this.desk = new OrderDesk(model, subscriptions, faults);
        model.listen(desk::onTick);
        RestWire wire = new RestWire(config.apiKey(), faults);
        OrderApi orderApi = new OrderApi(wire, desk, model, faults);
        FaultRoutes faultRoutes = new FaultRoutes(faults, wire::respond);
        InspectRoutes inspectRoutes = new InspectRoutes(this::orders, this::connections, wire::respond);
        List<Consumer<RoutesConfig>> routeGroups =
                List.of(faultRoutes::register, inspectRoutes::register, orderApi::register);
        this.rest = new RestApi(wire, model, faults, routeGroups);
        StreamProtocol protocol = new StreamProtocol(config.apiKey(), model, subscriptions, config.clock(), faults,
                config.maxSymbolsPerConnection());
        this.socket = new MarketDataSocket(protocol, subscriptions, authTimeout);
        this.publisher = new TickPublisher(model, subscriptions, config.ticksPerSecond(), StreamProtocol.BROKER,
                System::nanoTime, faults);
        this.publisherThread = new Thread(publisher, "openalgo-simulator-ticks");
        this.publisherThread.setDaemon(true);
    }

    /** Binds both servers and starts ticking; throws if a port cannot be bound, leaving nothing running. */
    public static OpenAlgoSimulator start(SimulatorConfig config) {
        return start(config, MarketDataSocket.AUTH_TIMEOUT);
    }

    /** As {@link #start(SimulatorConfig)} with a shorter auth grace, so a test need not wait 15 s. */
    static OpenAlgoSimulator start(SimulatorConfig config, Duration authTimeout) {
        OpenAlgoSimulator simulator = new OpenAlgoSimulator(config, authTimeout);
        try {
            simulator.rest.start(config.host(), config.restPort());
            simulator.socket.start(config.host(), config.wsPort());
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
        simulator.publisherThread.start();
        return simulator;
    }

    /** {@code http://host:port}; the API lives under {@code /api/v1/}. */
    public String restUrl() {
        return "http://" + config.host() + ":" + rest.port();
    }

    /** {@code ws://host:port}; the feed is served at path "/". */
    public String wsUrl() {
        return "ws://" + config.host() + ":" + socket.port();
    }

    /** Current level of NIFTY or BANKNIFTY. */
    public double indexPrice(String index) {
        return model.indexLevel(index(index));
    }

    /** Option expiries of NIFTY or BANKNIFTY listed now, ascending. */
    public List<LocalDate> expiries(String index) {
        return model.optionExpiries(index(index));
    }

    public SimulatorConfig config() {
        return config;
    }

    /**
     * Changes the market's pace while it runs: frames a second across all subscribed symbols, or 0 to
     * pause everything, indices included. The configured rate applies until this is called. Returns once
     * the ticking thread works at the new rate: after {@code rate(0)} nothing ticks (or fills) any more.
     */
    public void rate(int ticksPerSecond) {
        publisher.rate(ticksPerSecond);
    }

    /** Switches for injecting failures while running; also reachable over REST under /sim/faults. */
    public Faults faults() {
        return faults;
    }

    /**
     * Every order placed since the start, oldest first, as the broker holds it now: a snapshot that does
     * not change afterwards. Orders refused outright (HTTP 400, 403 or the injected 500) are not orders
     * and are not listed; accepted-then-rejected ones are. Also served as {@code GET /sim/orders}.
     */
    public List<BrokerOrder> orders() {
        return desk.orders(BrokerOrder::new);
    }

    /** Every live market-data session, authenticated or not; also served as {@code GET /sim/connections}. */
    public List<FeedConnection> connections() {
        return socket.connections();
    }

    /** Tick frames handed to the socket for all clients together since the start. */
    public long sentTicks() {
        return socket.sentTicks();
    }

    /** Tick frames withheld because a client had too many in flight already; never sent, never queued. */
    public long droppedTicks() {
        return socket.droppedTicks();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        publisher.stop();
        try {
            publisherThread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
        rest.close();
        LOG.info("simulator stopped: {} ticks, {} frames sent, {} dropped for slow clients, {} failed",
                publisher.ticks(), socket.sentTicks(), socket.droppedTicks(), publisher.errors());
    }

    private void dropConnections() {
        socket.dropAll();
    }

    private void dropAuthenticatedConnections() {
        socket.dropAuthenticated();
    }

    private int dropConnectionsHolding(String symbol) {
        return socket.dropHolding(symbol);
    }

    private int dropConnection(String id) {
        return socket.drop(id) ? 1 : 0;
    }

    private static SimulatedIndex index(String name) {
        return SimulatedIndex.bySymbol(name).orElseThrow(() ->
                new IllegalArgumentException("simulator lists NIFTY and BANKNIFTY, not '" + name + "'"));
    }
}
