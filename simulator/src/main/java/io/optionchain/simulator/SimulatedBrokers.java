package io.optionchain.simulator;

import io.optionchain.simulator.faults.BrokerFaults;
import io.optionchain.simulator.market.MarketSnapshot;
import io.optionchain.simulator.market.MasterContract;
import io.optionchain.simulator.market.Paise;
import io.optionchain.simulator.market.SimulatedIndex;
import io.optionchain.simulator.orders.OrderDesk;
import io.optionchain.simulator.stream.MarketDataSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several simulated OpenAlgo servers at once, grouped into brokers, all quoting one market: one model, one
 * seed and clock, one ticking thread ({@link SimulatedMarket}). Each account ({@link SimulatedAccount}) has
 * its own ports, key, order desk and faults; an account's broker going down takes every account of that
 * broker down with it. {@link OpenAlgoSimulator} is the one-account case. {@link #close()} stops everything.
 *
 * <p>This package is the public face and the only place that wires; each room below depends only on the
 * rooms under it: {@code orders} on {@code rest}, {@code rest} and {@code orders} on {@code stream},
 * and all of them on {@code faults} and {@code market}, which depend on nothing here.
 */
public final class SimulatedBrokers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedBrokers.class);

    private final SimulatorConfig config;
    private final SimulatedMarket market;
    private final Map<String, BrokerFaults> brokers = new LinkedHashMap<>();
    private final Map<String, SimulatedAccount> accounts = new LinkedHashMap<>();
    private boolean closed;

    private SimulatedBrokers(SimulatorConfig config, List<AccountSpec> specs, Duration authTimeout) {
        if (specs.isEmpty() || specs.size() > OrderDesk.MAX_DESKS) {
            throw new IllegalArgumentException("simulator runs 1.." + OrderDesk.MAX_DESKS + " accounts, got "
                    + specs.size());
        }
        this.config = config;
        // Wired in data-flow order: 1. the market, 2. brokers and their accounts, 3. desks filling on ticks.
        this.market = new SimulatedMarket(config);
        List<OrderDesk> desks = new ArrayList<>();
        for (AccountSpec spec : specs) {
            if (accounts.containsKey(spec.name())) {
                throw new IllegalArgumentException("account name '" + spec.name() + "' is used twice");
            }
            BrokerFaults broker = brokers.computeIfAbsent(spec.broker(), BrokerFaults::new);
            SimulatedAccount account = new SimulatedAccount(spec, accounts.size(), config, market, broker,
                    authTimeout);
            accounts.put(spec.name(), account);
            desks.add(account.desk());
        }
        market.fillOn(desks);
    }

    /**
     * Binds every account's two servers and starts ticking; throws if a port cannot be bound (or the
     * accounts are not as {@link AccountSpec} and unique names require), leaving nothing running.
     *
     * @param market how the market runs: host, seed, rate, clock, per-connection cap; its own key and ports
     *               are the one-account simulator's and are not used here
     */
    public static SimulatedBrokers start(SimulatorConfig market, List<AccountSpec> accounts) {
        return start(market, accounts, MarketDataSocket.AUTH_TIMEOUT);
    }

    static SimulatedBrokers start(SimulatorConfig market, List<AccountSpec> accounts, Duration authTimeout) {
        SimulatedBrokers brokers = new SimulatedBrokers(market, accounts, authTimeout);
        try {
            brokers.accounts.values().forEach(SimulatedAccount::start);
        } catch (RuntimeException e) {
            brokers.close();
            throw e;
        }
        brokers.market.start();
        return brokers;
    }

    /** The account of this name; an IllegalArgumentException names the accounts there are. */
    public SimulatedAccount account(String name) {
        SimulatedAccount account = accounts.get(name);
        if (account == null) {
            throw new IllegalArgumentException("no account '" + name + "'; accounts are " + accounts.keySet());
        }
        return account;
    }

    /** Every account, in the order asked for. */
    public List<SimulatedAccount> accounts() {
        return List.copyOf(accounts.values());
    }

    /** Takes a broker down, every account of it, or brings it up; as {@code broker-down?on=} on any of them. */
    public void brokerDown(String broker, boolean on) {
        BrokerFaults faults = brokers.get(broker);
        if (faults == null) {
            throw new IllegalArgumentException("no broker '" + broker + "'; brokers are " + brokers.keySet());
        }
        faults.down(on);
    }

    public SimulatorConfig config() {
        return config;
    }

    /** See {@link OpenAlgoSimulator#rate(int)}: the one market's pace, for every account. */
    public void rate(int ticksPerSecond) {
        market.rate(ticksPerSecond);
    }

    /** Current level of NIFTY or BANKNIFTY. */
    public double indexPrice(String index) {
        return market.model.indexLevel(index(index));
    }

    /**
     * A listed NFO option as of its last tick, without moving it (a REST quote would tick it): with the market
     * paused, what a client's chain must hold for it exactly.
     */
    public LastTick lastTick(String symbol) {
        var option = market.model.resolve(symbol, "NFO")
                .orElseThrow(() -> new IllegalArgumentException("no listed option '" + symbol + "'"));
        MarketSnapshot out = new MarketSnapshot();
        market.model.current(option, out);
        return new LastTick(symbol, Paise.toRupees(out.ltp), Paise.toRupees(out.bidPrice[0]),
                Paise.toRupees(out.askPrice[0]), out.oi);
    }

    /**
     * Changes what the master contract says about {@code index}'s options from now on, as an exchange revision
     * does between two days: the lot size, tick size (rupees, whole paise) and freeze quantity every account's
     * {@code symbol} endpoint serves and every order desk enforces. The market's books are not re-quoted.
     *
     * @throws IllegalArgumentException for a value no exchange lists (a lot or tick not above 0, a tick not in
     *                                  whole paise, a freeze quantity below one lot)
     */
    public void contract(String index, int lotSize, double tickSize, int freezeQty) {
        long tickPaise = Math.round(tickSize * 100);
        if (Math.abs(tickSize * 100 - tickPaise) > 1e-6) {
            throw new IllegalArgumentException("tick size must be whole paise, got " + tickSize);
        }
        market.model.masterContract().set(index(index), new MasterContract.Terms(lotSize, tickPaise, freezeQty));
    }

    /** Option expiries of NIFTY or BANKNIFTY listed now, ascending. */
    public List<LocalDate> expiries(String index) {
        return market.model.optionExpiries(index(index));
    }

    /** Tick frames handed to every account's socket together since the start. */
    public long sentTicks() {
        return accounts.values().stream().mapToLong(SimulatedAccount::sentTicks).sum();
    }

    /** Tick frames withheld from slow clients of every account. */
    public long droppedTicks() {
        return accounts.values().stream().mapToLong(SimulatedAccount::droppedTicks).sum();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        market.stop();
        accounts.values().forEach(SimulatedAccount::close);
        LOG.info("simulator stopped: {} accounts, {} ticks, {} frames sent, {} dropped for slow clients, {} failed",
                accounts.size(), market.ticks(), sentTicks(), droppedTicks(), market.errors());
    }

    private static SimulatedIndex index(String name) {
        return SimulatedIndex.bySymbol(name).orElseThrow(() ->
                new IllegalArgumentException("simulator lists NIFTY and BANKNIFTY, not '" + name + "'"));
    }
}
