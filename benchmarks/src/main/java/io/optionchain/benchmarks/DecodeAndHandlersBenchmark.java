package io.optionchain.benchmarks;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.tick.TickEvent;
import io.optionchain.gateway.decode.FrameDecoder;
import io.optionchain.gateway.decode.FrameKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One tick's whole journey on one thread, from the WebSocket frame's UTF-8 bytes to the updated chain:
 * {@link FrameDecoder} into the reader's scratch event, the copy into a ring slot, then the three ring
 * stages back to back, without the Disruptor's hand-offs between threads. {@code decodeDepthFrame}
 * measures the first step alone. Run with {@code -prof gc}: the target is 0 B/op for both.
 *
 * <p>Frames are rendered once, in OpenAlgo's tick-frame format, for a NIFTY window's 90 depth-mode
 * options with an index quote every tenth, as a live feed delivers them; both benchmarks cycle over the
 * same frames, so their difference is the handlers' share. The handlers see each cycle's ticks a second of
 * exchange time after the last cycle's, as a live feed's are: the same frame again would be a copy of the stored
 * quote, which stage 1 drops.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// Two more warm-up seconds than HandlerChainBenchmark: Jackson's parser is a deep call tree for the JIT.
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class DecodeAndHandlersBenchmark extends ChronicleFork {
    private static final long SESSION_MILLIS = 1_787_632_200_000L;

    private final TickEvent scratch = new TickEvent();
    /** Stands in for the claimed ring slot the sink copies the scratch event into. */
    private final TickEvent slot = new TickEvent();
    private NiftyWindow nifty;
    private FrameDecoder decoder;
    private byte[][] frames;
    private int next;
    private long sequence;
    /** Exchange and server time added to this cycle's ticks, a second more each cycle. */
    private long cycleMillis;

    @Setup(Level.Trial)
    public void setUp() {
        nifty = new NiftyWindow();
        List<Instrument> options = nifty.options;
        decoder = new FrameDecoder(nifty.registry);

        frames = new byte[options.size() + options.size() / 9][];
        int o = 0;
        for (int i = 0; i < frames.length; i++) {
            String frame = i % 10 == 9
                    ? indexQuoteFrame(i, 24_480 + (i % 40)) // stays inside ATM 24,500's half-step band
                    : depthFrame(options.get(o++ % options.size()).symbol(), i, 100 + i);
            frames[i] = frame.getBytes(StandardCharsets.UTF_8);
            if (decoder.decode(frames[i], 0L, scratch) != FrameKind.TICK) {
                throw new IllegalStateException("frame " + i + " does not decode to a tick: " + frame);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        nifty.close();
    }

    /** The reader thread's part: decode only, into its scratch event. */
    @Benchmark
    public FrameKind decodeDepthFrame() {
        return decoder.decode(nextFrame(), System.nanoTime(), scratch);
    }

    /** Decode, copy into the ring slot as the sink does, then the three stages in pipeline order. */
    @Benchmark
    public FrameKind decodeAndHandlers() {
        FrameKind kind = decoder.decode(nextFrame(), System.nanoTime(), scratch);
        if (kind == FrameKind.TICK) {
            slot.copyFrom(scratch);
            slot.exchangeTimeMillis += cycleMillis;
            slot.serverTimeMillis += cycleMillis;
            long s = sequence++;
            nifty.handle(slot, s);
        }
        return kind;
    }

    private byte[] nextFrame() {
        byte[] frame = frames[next];
        if (++next == frames.length) {
            next = 0;
            cycleMillis += 1_000;
        }
        return frame;
    }

    private static String depthFrame(String symbol, int i, double ltp) {
        StringBuilder buy = new StringBuilder();
        StringBuilder sell = new StringBuilder();
        for (int level = 0; level < TickEvent.DEPTH_LEVELS; level++) {
            String separator = level == 0 ? "" : ",";
            buy.append(separator).append(level(ltp - 0.05 * (level + 1), 75L * (level + 1), level + 1));
            sell.append(separator).append(level(ltp + 0.05 * (level + 1), 75L * (level + 2), level + 2));
        }
        String data = String.format(Locale.ROOT, "\"symbol\":\"%s\",\"exchange\":\"NFO\",\"mode\":3,\"ltp\":%.2f,"
                        + "\"ltt\":%d,\"timestamp\":%d,\"volume\":%d,\"open\":%.2f,\"high\":%.2f,\"low\":%.2f,"
                        + "\"close\":%.2f,\"last_quantity\":75,\"oi\":%d,\"upper_circuit\":%.2f,\"lower_circuit\":0.05,"
                        + "\"depth\":{\"buy\":[%s],\"sell\":[%s]}",
                symbol, ltp, SESSION_MILLIS + i, SESSION_MILLIS + i + 123, 1_000L * i, ltp + 18.7, ltp + 34.3,
                ltp - 24.95, ltp + 12.45, 50_000L + i, ltp * 3, buy, sell);
        return envelope(symbol, "NFO", 3, data);
    }

    private static String indexQuoteFrame(int i, double ltp) {
        String data = String.format(Locale.ROOT, "\"symbol\":\"NIFTY\",\"exchange\":\"NSE_INDEX\",\"mode\":2,"
                        + "\"ltp\":%.2f,\"ltt\":%d,\"timestamp\":%d,\"open\":%.2f,\"high\":%.2f,\"low\":%.2f,"
                        + "\"close\":%.2f,\"volume\":0,\"last_trade_quantity\":0,\"average_price\":0,"
                        + "\"total_buy_quantity\":0,\"total_sell_quantity\":0",
                ltp, SESSION_MILLIS + i, SESSION_MILLIS + i + 123, ltp - 40.5, ltp + 62.25, ltp - 88.1, ltp - 12.3);
        return envelope("NIFTY", "NSE_INDEX", 2, data);
    }

    private static String level(double price, long quantity, int orders) {
        return String.format(Locale.ROOT, "{\"price\":%.2f,\"quantity\":%d,\"orders\":%d}", price, quantity, orders);
    }

    private static String envelope(String symbol, String exchange, int mode, String data) {
        return String.format(Locale.ROOT, "{\"type\":\"market_data\",\"symbol\":\"%s\",\"exchange\":\"%s\","
                + "\"mode\":%d,\"broker\":\"angel\",\"data\":{%s}}", symbol, exchange, mode, data);
    }
}
