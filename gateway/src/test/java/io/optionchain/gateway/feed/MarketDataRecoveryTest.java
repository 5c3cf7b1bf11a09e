package io.optionchain.gateway.feed;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.OptionSymbol;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real market-data client recovering from faults the simulator injects: dropped connections, a
 * stalled feed, malformed frames. Reconnect bounds are short so a test takes seconds, not minutes.
 */
class MarketDataRecoveryTest {
    private static final String KEY = "recovery-key-5d20be";
    private static final long WAIT_SECONDS = 20;
    /** The README's recovery figure comes from this test's output line; the issue asks for at least 100 drops. */
    private static final int DROPS = 100;
    private static final FeedSettings PINGING = new FeedSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 100,
            Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2));

    private final InstrumentRegistry registry = new InstrumentRegistry(64);
    private final RecordingSink sink = new RecordingSink();
    private OpenAlgoSimulator simulator;
    private MarketDataClient client;
    private List<Instrument> instruments;

    @BeforeEach
    void start() {
        simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(21).withTicksPerSecond(500));
        instruments = niftyAndNearestOptions();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        simulator.close();
    }

    @Test
    void shouldReconnectReauthenticateAndResubscribeAfterEveryDrop() throws Exception {
        connect(PINGING);
        List<Long> millis = new ArrayList<>();
        List<Long> reported = new ArrayList<>();
        for (int drop = 0; drop < DROPS; drop++) {
            long reconnectsBefore = client.status().reconnects();
            ReconnectReport previous = client.status().lastRecovery();
            // A tick counts only once the client has set out to reconnect: frames already buffered from the
            // dropped socket are not recovery.
            AtomicLong firstTickNanos = new AtomicLong();
            sink.run(1, tick -> client.status().reconnects() > reconnectsBefore
                    && firstTickNanos.compareAndSet(0, System.nanoTime()));
            CountDownLatch every = sink.each(ids(), tick -> client.status().reconnects() > reconnectsBefore);
            long dropped = System.nanoTime();

            simulator.faults().dropConnections();

            assertThat(every.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("every symbol ticking after drop " + drop)
                    .isTrue();
            long elapsed = TimeUnit.NANOSECONDS.toMillis(firstTickNanos.get() - dropped);
            assertThat(elapsed).as("drop to first tick, drop " + drop).isLessThan(5_000);
            millis.add(elapsed);
            assertThat(client.status().reconnects()).isGreaterThan(reconnectsBefore);
            assertThat(client.status().state()).isEqualTo(ConnectionState.CONNECTED);
            // status tells the operator the same story: cause, attempts, time blind
            Eventually.await(() -> client.status().lastRecovery() != previous);
            ReconnectReport report = client.status().lastRecovery();
            assertThat(report.cause()).containsAnyOf("connection lost", "closed by server");
            assertThat(report.attempts()).isPositive();
            assertThat(report.firstTickAfterMillis()).isBetween(report.authenticatedAfterMillis(), 5_000L);
            reported.add(report.firstTickAfterMillis());
        }
        System.out.printf("drop -> first tick over %d drops (test clock): p50 %d ms, max %d ms%n", DROPS,
                percentile(millis, 50), percentile(millis, 100));
        System.out.printf("drop -> first tick over %d drops (client's own report): p50 %d ms, p99 %d ms, max %d ms%n",
                DROPS, percentile(reported, 50), percentile(reported, 99), percentile(reported, 100));
    }

    private static long percentile(List<Long> values, int percent) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    @Test
    void shouldNoticeAStalledFeedAndRecoverWhenItFlowsAgain() throws Exception {
        connect(PINGING);
        long reconnectsBefore = client.status().reconnects();

        simulator.faults().stall(true);
        Eventually.await(() -> client.status().reconnects() > reconnectsBefore);
        CountDownLatch every = sink.each(ids(), tick -> true);
        simulator.faults().stall(false);

        assertThat(every.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("every symbol ticking after the stall").isTrue();
        Eventually.await(() -> client.status().state() == ConnectionState.CONNECTED);
        Eventually.await(() -> client.status().lastRecovery() != null);
        assertThat(client.status().lastRecovery().cause()).as("the cause names the silence")
                .containsAnyOf("no tick for", "no frame");
    }

    @Test
    void shouldCountMalformedFramesAndKeepStreaming() throws Exception {
        connect(PINGING);
        simulator.faults().malformedFrames(0.2);
        Eventually.await(() -> client.status().malformed() > 0);
        CountDownLatch every = sink.each(ids(), tick -> true);

        assertThat(every.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("every symbol still ticking").isTrue();
        FeedStatus status = client.status();
        assertThat(status.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(status.malformed()).isPositive();
        assertThat(status.reconnects()).isZero();
    }

    /** Subscribes everything and waits for a tick of each, so a test starts from a streaming client. */
    private void connect(FeedSettings settings) throws InterruptedException {
        client = new MarketDataClient(simulator.wsUrl(), KEY, registry, sink, settings, Clock.systemUTC());
        CountDownLatch every = sink.each(ids(), tick -> true);
        client.subscribe(instruments.subList(0, 1), FeedMode.QUOTE);
        client.subscribe(instruments.subList(1, instruments.size()), FeedMode.DEPTH);
        client.start();
        assertThat(every.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("every symbol ticking").isTrue();
    }

    /** NIFTY, then calls and puts of the nearest expiry at ATM and one strike either side. */
    private List<Instrument> niftyAndNearestOptions() {
        List<Instrument> all = new ArrayList<>();
        all.add(registry.registerIndex("NIFTY", "NSE_INDEX"));
        LocalDate nearest = simulator.expiries("NIFTY").get(0);
        double atm = Math.round(simulator.indexPrice("NIFTY") / 50) * 50.0;
        for (double strike = atm - 50; strike <= atm + 50; strike += 50) {
            for (OptionType type : OptionType.values()) {
                all.add(registry.register(OptionSymbol.of("NIFTY", nearest, strike, type), "NFO", "NIFTY",
                        nearest, strike, type));
            }
        }
        return all;
    }

    private List<Integer> ids() {
        return instruments.stream().map(Instrument::id).toList();
    }
}
