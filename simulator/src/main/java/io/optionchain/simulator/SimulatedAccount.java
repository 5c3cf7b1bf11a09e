package io.optionchain.simulator;

import io.javalin.config.RoutesConfig;
import io.optionchain.simulator.faults.BrokerFaults;
import io.optionchain.simulator.faults.FaultRoutes;
import io.optionchain.simulator.faults.Faults;
import io.optionchain.simulator.orders.OrderApi;
import io.optionchain.simulator.orders.OrderDesk;
import io.optionchain.simulator.rest.RestApi;
import io.optionchain.simulator.rest.RestWire;
import io.optionchain.simulator.rest.TelegramApi;
import io.optionchain.simulator.rest.TelegramApi.TelegramNotification;
import io.optionchain.simulator.stream.FeedConnection;
import io.optionchain.simulator.stream.MarketDataSocket;
import io.optionchain.simulator.stream.StreamProtocol;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * One simulated OpenAlgo server of {@link SimulatedBrokers}: its own REST port and WebSocket port, its own
 * key, order desk and fault switches, over the market it shares with every other account.
 *
 * <pre>
 *   REST /api/v1/* ──► RestApi ─────────────────────────┐
 *            orders ──► OrderApi ──► OrderDesk ◄─ tick ──┤ (fills against each new book)
 *   /sim/* ──► FaultRoutes, InspectRoutes               ├──► the shared market (SimulatedMarket)
 *   WS   /  ──► MarketDataSocket ──► StreamProtocol ────┘         ▲ tick
 *                   │ ClientSession ◄── the shared Subscriptions ◄── TickPublisher (one paced thread)
 * </pre>
 */
public final class SimulatedAccount implements AutoCloseable {
    private final AccountSpec spec;
    private final String host;
    private final Faults faults;
    private final OrderDesk desk;
    private final RestApi rest;
    private final TelegramApi telegram;
    private final MarketDataSocket socket;

    /** @param number the account's place among the simulator's accounts, from 0; numbers its orders */
    SimulatedAccount(AccountSpec spec, int number, SimulatorConfig config, SimulatedMarket market,
                     BrokerFaults broker, Duration authTimeout) {
        this.spec = spec;
        this.host = config.host();
        // Wired in data-flow order: 1. faults, 2. broker desk, 3. REST, 4. market-data socket. The faults act
        // on the socket, which does not exist yet; they reach it through this account.
        this.faults = new Faults(spec.name(), market.faults, broker, config.clock(), this::dropConnections,
                this::dropConnectionsHolding, this::dropAuthenticatedConnections, this::dropConnection);
        this.desk = new OrderDesk(market.model, market.subscriptions, faults.orders(), number);
        RestWire wire = new RestWire(spec.apiKey(), faults);
        OrderApi orderApi = new OrderApi(wire, desk, market.model, faults.orders());
        FaultRoutes faultRoutes = new FaultRoutes(faults, wire::respond);
        InspectRoutes inspectRoutes = new InspectRoutes(this::orders, this::connections, wire::respond);
        this.telegram = new TelegramApi(wire, faults);
        List<Consumer<RoutesConfig>> routeGroups =
                List.of(faultRoutes::register, inspectRoutes::register, orderApi::register, telegram::register);
        this.rest = new RestApi(wire, market.model, faults, routeGroups);
        StreamProtocol protocol = new StreamProtocol(spec.apiKey(), market.model, market.subscriptions,
                config.clock(), faults, config.maxSymbolsPerConnection());
        this.socket = new MarketDataSocket(protocol, market.subscriptions, authTimeout);
    }

    /** Binds both servers; throws if a port cannot be bound. */
    void start() {
        rest.start(host, spec.restPort());
        socket.start(host, spec.wsPort());
    }

    OrderDesk desk() {
        return desk;
    }

    public String name() {
        return spec.name();
    }

    public String broker() {
        return spec.broker();
    }

    /** {@code http://host:port}; the API lives under {@code /api/v1/}, the fault switches under {@code /sim/faults}. */
    public String restUrl() {
        return "http://" + host + ":" + rest.port();
    }

    /** {@code ws://host:port}; the feed is served at path "/". */
    public String wsUrl() {
        return "ws://" + host + ":" + socket.port();
    }

    /** This account's switches (the stall and per-tick faults among them act on the whole market). */
    public Faults faults() {
        return faults;
    }

    /**
     * Every order placed with this account since the start, oldest first, as the broker holds it now: a
     * snapshot that does not change afterwards. Orders refused outright (HTTP 400, 403, 429, 500 or 503)
     * are not orders and are not listed; accepted-then-rejected ones are. Also {@code GET /sim/orders}.
     */
    public List<BrokerOrder> orders() {
        return desk.orders(BrokerOrder::new);
    }

    /**
     * Every Telegram notification this account's OpenAlgo delivered ({@code POST /api/v1/telegram/notify}
     * answered 200), oldest first: a snapshot. Refused ones (bad key, missing fields, a failure on demand) are not
     * listed.
     */
    public List<TelegramNotification> telegramNotifications() {
        return telegram.delivered();
    }

    /** Every live market-data session of this account, authenticated or not; also {@code GET /sim/connections}. */
    public List<FeedConnection> connections() {
        return socket.connections();
    }

    /** Tick frames handed to this account's socket for all its clients together since the start. */
    public long sentTicks() {
        return socket.sentTicks();
    }

    /** Tick frames withheld because a client had too many in flight already; never sent, never queued. */
    public long droppedTicks() {
        return socket.droppedTicks();
    }

    @Override
    public void close() {
        socket.close();
        rest.close();
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
}
