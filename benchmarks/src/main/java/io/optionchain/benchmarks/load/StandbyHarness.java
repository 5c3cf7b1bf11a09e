package io.optionchain.benchmarks.load;

import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.UnderlyingActivity;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.OptionSymbol;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.pipeline.Pipeline;
import io.optionchain.engine.pipeline.RingSettings;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.ports.ReferenceData;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.gateway.feed.ConnectionState;
import io.optionchain.gateway.feed.FeedSettings;
import io.optionchain.gateway.feed.FeedStatus;
import io.optionchain.gateway.feed.MarketDataClient;
import io.optionchain.gateway.feed.pool.MarketDataPool;
import io.optionchain.gateway.feed.pool.PoolSettings;
import io.optionchain.gateway.rest.OpenAlgoReferenceData;
import io.optionchain.gateway.rest.OpenAlgoRestClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What the hot standby costs and what it buys, over real sockets, with the product's feed settings:
 *
 * <pre>
 *   market (child JVM) ══ws══> pool: primary-1 [+ primary-1-standby] ──> ring: 1. chain state (drops copies)
 *                                                                              3. ledger of applied ticks
 *                      ══ws══> observer, never dropped ──> ledger of sent ticks (gain trials only)
 * </pre>
 *
 * Cost: one socket, then the pair, at the same offered rate, with nothing else in the process: frames a second
 * taken in, ticks a second applied, copies dropped, late ticks skipped (a copy that reaches the ring after a newer
 * trade of its instrument is older than the stored quote), the CPU of the socket reader threads and of the process.
 * Gain: the same two, each with {@code drops} single-socket drops the market injects (with the pair, primary and
 * standby in turn), then the market pauses and every instrument's sent ticks are compared with its applied ones:
 * lost ticks, each charged to the drop before it, and ticks applied twice. The market's count of frames withheld
 * from a lagging reader is shown beside: above 0, the sent side has gaps and the comparison is not clean. A
 * 15 s trial with the pair first warms both paths up, so neither measured trial pays for the JIT.
 */
public final class StandbyHarness {
    static final String USAGE = "bin/standby [--rate TICKS_PER_SECOND] [--drops N] [--seconds S] [--out DIR]\n"
            + "  --rate 2000   frames a second the market offers across the 86 subscribed symbols\n"
            + "  --drops 50    single-socket drops in each gain trial\n"
            + "  --seconds 20  the cost trials' measured window, after 5 s of warm-up";
    private static final List<String> MARKET_JVM = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC");
    private static final List<Underlying> INDICES = ChainPlan.UNDERLYINGS;
    private static final int STRIKES_EACH_SIDE = 10;
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final long PAUSE_BETWEEN_DROPS_MILLIS = 300;

    private final int rate;
    private final int drops;
    private final int seconds;
    private final Path out;
    private final String apiKey = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final InstrumentRegistry registry = new InstrumentRegistry(1_024);
    private final List<Instrument> indices = new ArrayList<>();
    private final List<Instrument> options = new ArrayList<>();
    /** Held by the observer only, so the market's session list tells it from the pool's sockets. */
    private Instrument observersOwn;

    private StandbyHarness(int rate, int drops, int seconds, Path out) {
        this.rate = rate;
        this.drops = drops;
        this.seconds = seconds;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        int rate = 2_000;
        int drops = 50;
        int seconds = 20;
        Path out = Path.of("benchmarks", "results", "standby");
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--rate" -> rate = positive(args, ++i);
                    case "--drops" -> drops = positive(args, ++i);
                    case "--seconds" -> seconds = positive(args, ++i);
                    case "--out" -> out = Path.of(value(args, ++i));
                    case "--help" -> {
                        System.out.println(USAGE);
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
        Files.createDirectories(out);
        new StandbyHarness(rate, drops, seconds, out).run();
        System.exit(0);
    }

    private void run() throws Exception {
        try (SimulatorProcess market = new SimulatorProcess(apiKey, MARKET_JVM, out.resolve("market.log"))) {
            plan(new OpenAlgoReferenceData(new OpenAlgoRestClient(market.restUrl(), apiKey, Duration.ofSeconds(10))));
            warmUp(market);
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "hot standby at %,d frames/s offered over %d symbols (%d indices in"
                    + " Quote, %d options in Depth), feed settings as shipped, %d cores", rate,
                    indices.size() + options.size(), indices.size(), options.size(),
                    Runtime.getRuntime().availableProcessors()));
            lines.add("");
            lines.add("| sockets | frames/s taken in | ticks/s applied | copies/s dropped | late ticks/s skipped"
                    + " | reader threads, cores | harness process, cores |");
            lines.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            for (boolean standby : new boolean[] {false, true}) {
                lines.add(cost(market, standby));
                System.out.println(lines.get(lines.size() - 1));
            }
            lines.add("");
            lines.add("| sockets | drops | ticks sent | applied | lost | lost per drop, mean / max | applied twice"
                    + " | dropped socket's first tick again, ms p50 / max | withheld by the market |");
            lines.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            for (boolean standby : new boolean[] {false, true}) {
                lines.add(gain(market, standby));
                System.out.println(lines.get(lines.size() - 1));
            }
            Files.write(out.resolve("results.txt"), lines);
            System.out.println();
            lines.forEach(System.out::println);
        }
    }

    /** NIFTY and BANKNIFTY, and ATM ± 10 strikes of each one's nearest expiry, calls and puts. */
    private void plan(ReferenceData market) {
        for (Underlying underlying : INDICES) {
            indices.add(registry.registerIndex(underlying.name(), underlying.indexExchange()));
            LocalDate expiry = market.optionExpiries(underlying).stream().sorted().findFirst().orElseThrow();
            double step = underlying.strikeStep().doubleValue();
            double atm = Math.round(market.indexLtp(underlying) / step) * step;
            for (int k = -STRIKES_EACH_SIDE; k <= STRIKES_EACH_SIDE + 1; k++) {
                double strike = atm + k * step;
                for (OptionType type : OptionType.values()) {
                    Instrument option = registry.register(OptionSymbol.of(underlying.name(), expiry, strike, type),
                            underlying.optionExchange(), underlying.name(), expiry, strike, type);
                    if (k <= STRIKES_EACH_SIDE) {
                        options.add(option);
                    } else if (observersOwn == null) {
                        observersOwn = option;
                    }
                }
            }
        }
    }

    /** Both paths compiled before anything is measured: the first trial would otherwise pay for the JIT. */
    private void warmUp(SimulatorProcess market) throws Exception {
        try (Rig rig = new Rig(market, true, false)) {
            market.rate(rate);
            rig.awaitTicking();
            Thread.sleep(15_000);
            market.rate(0);
        }
    }

    private String cost(SimulatorProcess market, boolean standby) throws Exception {
        try (Rig rig = new Rig(market, standby, false)) {
            market.rate(rate);
            rig.awaitTicking();
            Thread.sleep(5_000);
            ResourceMeter meter = new ResourceMeter(market.pid());
            long frames = rig.pool.status().total().frames();
            long applied = rig.applied();
            long copies = rig.pipeline.duplicates();
            long late = rig.pipeline.outOfOrder();
            long started = System.nanoTime();
            meter.start();
            Thread.sleep(seconds * 1_000L);
            ResourceMeter.Usage usage = meter.stop();
            double elapsed = (System.nanoTime() - started) / 1e9;
            market.rate(0);
            return String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %,.0f | %.3f | %.3f |", label(standby),
                    (rig.pool.status().total().frames() - frames) / elapsed, (rig.applied() - applied) / elapsed,
                    (rig.pipeline.duplicates() - copies) / elapsed, (rig.pipeline.outOfOrder() - late) / elapsed,
                    usage.threadCores().getOrDefault("ReadingThread", 0.0), usage.harnessCores());
        }
    }

    private String gain(SimulatorProcess market, boolean standby) throws Exception {
        try (Rig rig = new Rig(market, standby, true)) {
            market.rate(rate);
            rig.awaitTicking();
            long withheld = market.counts().withheld();
            rig.record(true);
            Thread.sleep(1_000);
            List<Long> dropped = new ArrayList<>();
            List<Long> firstTickAgain = new ArrayList<>();
            String survivor = null;
            for (int k = 0; k < drops; k++) {
                List<String> sockets = rig.poolSessions();
                // with the pair, the socket that was not dropped last time: primary and standby take turns
                String victim = survivor != null && sockets.contains(survivor) ? survivor : sockets.get(0);
                survivor = sockets.stream().filter(id -> !id.equals(victim)).findFirst().orElse(null);
                Map<String, Long> before = rig.reconnectsBySocket();
                Instant droppedAt = rig.now();
                dropped.add(System.nanoTime());
                if (!market.drop(victim)) {
                    throw new IllegalStateException("the market had no session " + victim + " to drop");
                }
                firstTickAgain.add(rig.awaitRecovered(before, droppedAt));
                Thread.sleep(PAUSE_BETWEEN_DROPS_MILLIS);
            }
            Thread.sleep(1_000);
            market.rate(0);
            rig.awaitDrained();
            rig.record(false);
            withheld = market.counts().withheld() - withheld;
            TickLedger.Comparison comparison = TickLedger.compare(rig.sent, rig.appliedTicks);
            int[] perDrop = new int[drops];
            for (long lostAt : comparison.lostNanos()) {
                int drop = -1;
                while (drop + 1 < drops && dropped.get(drop + 1) <= lostAt) {
                    drop++;
                }
                if (drop >= 0) {
                    perDrop[drop]++;
                }
            }
            firstTickAgain.sort(Long::compare);
            // a withheld frame is a gap in what the observer, or a socket, was sent: the comparison is then not clean
            return String.format(Locale.ROOT, "| %s | %d | %,d | %,d | %,d | %.1f / %d | %d | %d / %d | %,d%s |",
                    label(standby), drops, comparison.sent(), comparison.applied(), comparison.lostNanos().size(),
                    comparison.lostNanos().size() / (double) drops, max(perDrop), comparison.doubled(),
                    firstTickAgain.get(firstTickAgain.size() / 2), firstTickAgain.get(firstTickAgain.size() - 1),
                    withheld, comparison.unseen() == 0 ? "" : "; " + comparison.unseen() + " applied, never seen sent");
        }
    }

    private static String label(boolean standby) {
        return standby ? "hot standby (2)" : "one socket";
    }

    private static int max(int[] values) {
        int max = 0;
        for (int v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + PATIENCE.toSeconds() + " s: " + what);
            }
            Thread.sleep(5);
        }
    }

    private static int positive(String[] args, int i) {
        String text = value(args, i);
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(args[i - 1] + " must be a positive whole number, got " + text);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** One trial's engine: chain state, the ring with a ledger where the stop stage goes, the pool, an observer. */
    private final class Rig implements AutoCloseable {
        final ChainStore store = ChainStore.inMemory(registry.capacity());
        final ChainBook book = new ChainBook(registry, INDICES.stream().map(Underlying::name).toList());
        final TickLedger appliedTicks = new TickLedger();
        final TickLedger sent = new TickLedger();
        final Pipeline pipeline;
        final MarketDataPool pool;
        final MarketDataClient observer;
        private final SimulatorProcess market;
        private final Clock clock = Clock.systemUTC();

        Rig(SimulatorProcess market, boolean standby, boolean observed) {
            this.market = market;
            pipeline = new Pipeline(store, book, (tick, sequence, endOfBatch) -> {
                if (!tick.skipped()) {
                    appliedTicks.add(tick);
                }
            }, clock, RingSettings.blocking(EngineUnderTest.RING_SIZE));
            pool = new MarketDataPool("primary", market.wsUrl(), apiKey, registry, pipeline, FeedSettings.defaults(),
                    PoolSettings.defaults().withHotStandby(standby), () -> true, clock);
            pool.start();
            pool.subscribe(indices, FeedMode.QUOTE);
            pool.subscribe(options, FeedMode.DEPTH);
            if (!observed) {
                observer = null;
                return;
            }
            observer = new MarketDataClient("observer", "observer", market.wsUrl(), apiKey, registry, tick -> {
                sent.add(tick);
                return true;
            }, FeedSettings.defaults(), () -> true, clock);
            observer.start();
            observer.subscribe(indices, FeedMode.QUOTE);
            observer.subscribe(options, FeedMode.DEPTH);
            observer.subscribe(List.of(observersOwn), FeedMode.DEPTH);
        }

        void awaitTicking() throws InterruptedException {
            await(() -> store.size() >= indices.size() + options.size()
                    && pool.connections().stream().allMatch(c -> c.state() == ConnectionState.CONNECTED)
                    && (observer == null || observer.state() == ConnectionState.CONNECTED), "every symbol ticking");
        }

        void record(boolean on) {
            sent.record(on);
            appliedTicks.record(on);
        }

        long applied() {
            return book.activities().values().stream().mapToLong(UnderlyingActivity::ticks).sum();
        }

        /** The market's sessions holding exactly the pool's symbols (the observer holds one more). */
        List<String> poolSessions() throws InterruptedException {
            int symbols = indices.size() + options.size();
            int sockets = pool.connections().size();
            List<String> ids = new ArrayList<>();
            await(() -> {
                ids.clear();
                marketSessions().forEach((id, held) -> {
                    if (held == symbols) {
                        ids.add(id);
                    }
                });
                return ids.size() == sockets;
            }, "the pool's " + sockets + " sessions at the market");
            return List.copyOf(ids);
        }

        Map<String, Long> reconnectsBySocket() {
            Map<String, Long> each = new HashMap<>();
            pool.connections().forEach(c -> each.put(c.connection(), c.reconnects()));
            return each;
        }

        /**
         * Waits for the socket dropped after {@code before} was read to be back with a tick, and every socket
         * connected; returns its milliseconds from the drop to that tick.
         */
        long awaitRecovered(Map<String, Long> before, Instant droppedAt) throws InterruptedException {
            FeedStatus[] back = new FeedStatus[1];
            await(() -> {
                for (FeedStatus socket : pool.connections()) {
                    if (socket.reconnects() > before.getOrDefault(socket.connection(), 0L)
                            && socket.lastRecovery() != null && socket.lastRecovery().recoveredAt().isAfter(droppedAt)) {
                        back[0] = socket;
                    }
                }
                return back[0] != null && pool.connections().stream()
                        .allMatch(c -> c.state() == ConnectionState.CONNECTED);
            }, "the dropped socket back with a tick");
            return back[0].lastRecovery().firstTickAfterMillis();
        }

        Instant now() {
            return clock.instant();
        }

        void awaitDrained() throws InterruptedException {
            long[] last = {-1, -1};
            long[] stableSince = {System.nanoTime()};
            await(() -> {
                long sentNow = sent.size();
                long appliedNow = appliedTicks.size();
                if (sentNow != last[0] || appliedNow != last[1]) {
                    last[0] = sentNow;
                    last[1] = appliedNow;
                    stableSince[0] = System.nanoTime();
                }
                return System.nanoTime() - stableSince[0] > Duration.ofMillis(500).toNanos();
            }, "the ring and the observer drained");
        }

        private Map<String, Integer> marketSessions() {
            return market.connections();
        }

        @Override
        public void close() {
            if (observer != null) {
                observer.close();
            }
            pool.close();
            pipeline.close();
            store.close();
        }
    }
}
