package io.optionchain.gateway.orders;

import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.desk.RiskContext;
import io.optionchain.engine.desk.RiskDesk;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.OptionSymbol;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.pipeline.Pipeline;
import io.optionchain.engine.pipeline.RingSettings;
import io.optionchain.engine.ports.AuditEvent;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.ports.ExitOrder;
import io.optionchain.engine.ports.OrderAccounts;
import io.optionchain.engine.ports.OrderGateway;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LegRequest;
import io.optionchain.engine.positions.Position;
import io.optionchain.engine.positions.PositionRequest;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.RiskSettings;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.tick.TickEvent;
import io.optionchain.gateway.rest.DepthQuote;
import io.optionchain.gateway.rest.OpenAlgoRestClient;
import io.optionchain.simulator.BrokerOrder;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders stay with their account, over real HTTP: two simulated OpenAlgo servers, each its own account with its own
 * key, the desk's exit executor on its thread and the ring fed with the backup's quotes. The backup, holding the
 * position, is logged out when the stop fires (every REST call answers 403 "Invalid openalgo apikey"): the exit
 * waits for it, says why and alerts, and nothing reaches the primary, which answers all along; logged in again, the
 * backup gets exactly one exit order.
 */
class OrdersPerAccountOverOpenAlgoTest {
    private static final Underlying NIFTY = new Underlying("NIFTY", "NSE_INDEX", "NFO", 65, new BigDecimal("50"), 20, 1);
    private static final String MAIN_KEY = "primary-account-key-4b1d";
    private static final String BACKUP_KEY = "backup-account-key-9e27";

    @TempDir
    Path data;

    @Test
    void shouldQueueTheExitWhileTheHoldingAccountIsLoggedOutAndSendItThereOnceNeverThroughTheOther()
            throws Exception {
        InstrumentRegistry registry = new InstrumentRegistry(64);
        List<AuditEvent> audited = new CopyOnWriteArrayList<>();
        try (OpenAlgoSimulator primary = OpenAlgoSimulator.start(SimulatorConfig.defaults(MAIN_KEY).withSeed(3)
                .withTicksPerSecond(50));
             OpenAlgoSimulator backup = OpenAlgoSimulator.start(SimulatorConfig.defaults(BACKUP_KEY).withSeed(4)
                     .withTicksPerSecond(50));
             ChainStore store = ChainStore.inMemory(64)) {
            OpenAlgoOrderClient toPrimary = new OpenAlgoOrderClient(primary.restUrl(), MAIN_KEY, Duration.ofSeconds(5));
            OpenAlgoOrderClient toBackup = new OpenAlgoOrderClient(backup.restUrl(), BACKUP_KEY, Duration.ofSeconds(5));
            Map<String, OrderGateway> gateways = new LinkedHashMap<>();
            gateways.put("zerodha-main", toPrimary);
            gateways.put("dhan-backup", toBackup);
            OpenAlgoRestClient backupMarket = new OpenAlgoRestClient(backup.restUrl(), BACKUP_KEY, Duration.ofSeconds(5));
            LocalDate expiry = backupMarket.expiries("NIFTY", "NFO", "options").get(0);
            double strike = Math.round(backupMarket.quote("NIFTY", "NSE_INDEX").ltp() / 50) * 50.0;
            String call = OptionSymbol.of("NIFTY", expiry, strike, OptionType.CE);
            double bid = backupMarket.depth(call, "NFO").bids().get(0).price();

            ChainBook book = new ChainBook(registry, List.of("NIFTY"));
            try (RiskDesk desk = RiskDesk.open(new RiskContext(data, RiskSettings.defaults(), registry, store,
                    book.pins(), List.of(NIFTY), new OrderAccounts(gateways, "zerodha-main"), audited::add,
                    Clock.systemUTC(), List.of())).start();
                 Pipeline pipeline = new Pipeline(store, book, desk.handler(), Clock.systemUTC(),
                         RingSettings.blocking(256))) {
                // a stop at twice the bid: the next tick fires it, however far the simulated market moved since
                long id = desk.open(PositionRequest.single("hedge", new LegRequest(call, PositionSide.LONG, 65, bid),
                        ExitRules.stopAt(Math.round(bid * 2) + 1)).heldBy("dhan-backup")).id();
                DepthQuote last = backupMarket.depth(call, "NFO");
                backup.faults().loggedOut(true);

                offer(pipeline, registry.idOf(call), last);   // the market data now comes from elsewhere
                Position waiting = await(desk, id, p -> p.exitWaiting() != null);

                assertThat(waiting.state()).isEqualTo(PositionState.EXITING);
                assertThat(waiting.account()).isEqualTo("dhan-backup");
                assertThat(waiting.exitWaiting().cause()).contains("403").contains("Invalid openalgo apikey")
                        .doesNotContain(BACKUP_KEY);
                assertThat(audited).filteredOn(e -> e.kind() == AuditKind.EXIT_QUEUED).singleElement()
                        .satisfies(e -> assertThat(e.account()).isEqualTo("dhan-backup"));
                Thread.sleep(1_500);                      // the backup stays out a while; the exit keeps waiting
                assertThat(backup.orders()).isEmpty();
                assertThat(primary.orders()).as("never through the primary, which answers").isEmpty();

                backup.faults().loggedOut(false);
                // it may need a re-price or two against the simulated book: the ticks keep coming from the backup
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (desk.position(id).orElseThrow().state() != PositionState.CLOSED
                        && System.nanoTime() < deadline) {
                    offer(pipeline, registry.idOf(call), backupMarket.depth(call, "NFO"));
                    Thread.sleep(200);
                }

                Position closed = desk.position(id).orElseThrow();
                assertThat(closed.state()).as(closed.toString()).isEqualTo(PositionState.CLOSED);
                assertThat(closed.exitWaiting()).isNull();
                assertThat(backup.orders()).singleElement().satisfies(order -> {
                    assertThat(order.strategy()).isEqualTo(ExitOrder.tag(desk.epoch(), id, 0));
                    assertThat(order.orderid()).isEqualTo(closed.legs().get(0).orderId());
                });
                assertThat(primary.orders()).isEmpty();
                assertThat(toPrimary.requests()).as("no call at all to the primary's order API").isZero();
            }
        }
        assertThat(audited).extracting(AuditEvent::account).containsOnly("dhan-backup");
    }

    /** A depth tick of the backup's book, as its feed would have delivered it. */
    private static void offer(Pipeline pipeline, int instrumentId, DepthQuote quote) {
        TickEvent tick = new TickEvent();
        tick.instrumentId = instrumentId;
        tick.mode = 3;
        tick.fields = TickEvent.LTP | TickEvent.DEPTH;
        tick.ltp = quote.ltp();
        tick.bidLevels = Math.min(5, quote.bids().size());
        tick.askLevels = Math.min(5, quote.asks().size());
        for (int i = 0; i < tick.bidLevels; i++) {
            tick.bidPrice[i] = quote.bids().get(i).price();
            tick.bidQuantity[i] = quote.bids().get(i).quantity();
        }
        for (int i = 0; i < tick.askLevels; i++) {
            tick.askPrice[i] = quote.asks().get(i).price();
            tick.askQuantity[i] = quote.asks().get(i).quantity();
        }
        tick.exchangeTimeMillis = tick.serverTimeMillis = System.currentTimeMillis();
        tick.arrivalNanos = System.nanoTime();
        assertThat(pipeline.offer(tick)).isTrue();
    }

    private static Position await(RiskDesk desk, long id, Predicate<Position> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Position last = desk.position(id).orElseThrow();
        while (!condition.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            last = desk.position(id).orElseThrow();
        }
        assertThat(condition.test(last)).as("position never got there: " + last).isTrue();
        return last;
    }
}
