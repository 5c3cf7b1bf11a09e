package io.optionchain.simulator;

import io.optionchain.simulator.faults.MarketFaults;
import io.optionchain.simulator.market.MarketModel;
import io.optionchain.simulator.market.MarketSnapshot;
import io.optionchain.simulator.orders.OrderDesk;
import io.optionchain.simulator.stream.StreamProtocol;
import io.optionchain.simulator.stream.Subscriptions;
import io.optionchain.simulator.stream.TickPublisher;

import java.util.List;

/**
 * The one market every simulated account quotes: one seeded model, one routing table shared by every
 * account's sockets, the market-wide faults, and the one ticking thread. Because a tick is made once and
 * rendered once, the same instrument's tick carries the same exchange time and quote fields on every
 * account that streams it.
 */
final class SimulatedMarket {
    final MarketModel model;
    final Subscriptions subscriptions = new Subscriptions();
    final MarketFaults faults;
    private final TickPublisher publisher;
    private final Thread thread;

    SimulatedMarket(SimulatorConfig config) {
        this.model = new MarketModel(config.seed(), config.clock());
        this.faults = new MarketFaults(config.seed());
        model.quoteBooksBy(symbol -> faults.bookFactor(symbol.symbol()));
        this.publisher = new TickPublisher(model, subscriptions, config.ticksPerSecond(), StreamProtocol.BROKER,
                System::nanoTime, faults);
        this.thread = new Thread(publisher, "openalgo-simulator-ticks");
        this.thread.setDaemon(true);
    }

    /** Every account's order desk sees every new state of an instrument, in the accounts' order. */
    void fillOn(List<OrderDesk> desks) {
        OrderDesk[] all = desks.toArray(new OrderDesk[0]);
        model.listen(tick -> deliver(all, tick));
    }

    private static void deliver(OrderDesk[] desks, MarketSnapshot tick) {
        for (OrderDesk desk : desks) {
            desk.onTick(tick);
        }
    }

    void start() {
        thread.start();
    }

    /** See {@link OpenAlgoSimulator#rate(int)}. */
    void rate(int ticksPerSecond) {
        publisher.rate(ticksPerSecond);
    }

    void stop() {
        publisher.stop();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long ticks() {
        return publisher.ticks();
    }

    long errors() {
        return publisher.errors();
    }
}
