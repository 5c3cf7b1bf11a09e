package io.optionchain.gateway.decode;

import io.optionchain.engine.tick.TickEvent;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a decoded frame costs the heap in steady state, measured with the JVM's per-thread allocation
 * counter: nothing. The warm-up lets the parser's symbol table learn the field names (the one time a
 * name is allocated) and the JIT compile the path; after it, 100,000 frames must add under one byte each.
 */
class FrameDecoderAllocationTest {
    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 100_000;

    private static final String LTP_FRAME = "{\"type\":\"market_data\",\"symbol\":\"NIFTY\",\"exchange\":\"NSE_INDEX\","
            + "\"mode\":1,\"broker\":\"angel\",\"data\":{\"symbol\":\"NIFTY\",\"exchange\":\"NSE_INDEX\",\"mode\":1,"
            + "\"ltp\":24567.35,\"ltt\":1787632200000,\"timestamp\":1787632200123}}";
    /** An Angel quote with every number as a string, and the mode as a label. */
    private static final String QUOTE_FRAME_WITH_STRING_NUMBERS = "{\"type\":\"market_data\","
            + "\"symbol\":\"NIFTY25AUG2624550PE\",\"exchange\":\"NFO\",\"mode\":\"Quote\",\"broker\":\"angel\","
            + "\"data\":{\"symbol\":\"NIFTY25AUG2624550PE\",\"exchange\":\"NFO\",\"mode\":\"2\",\"ltp\":\"101.5\","
            + "\"ltt\":\"1787632200\",\"open\":\"99\",\"high\":\"120.25\",\"low\":\"95.5\",\"close\":\"110\","
            + "\"volume\":\"12345\",\"last_trade_quantity\":\"150\",\"average_price\":\"104.2\","
            + "\"total_buy_quantity\":\"90000\",\"total_sell_quantity\":\"85000\",\"oi\":\"4218300\"}}";

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final FrameDecoder decoder = new FrameDecoder(FrameDecoderTest.registry());
    private final TickEvent tick = new TickEvent();

    @Test
    void shouldAllocateNothingPerDepthFrame() {
        assertAllocatesNothing("depth (protocol example)", FrameDecoderTest.PROTOCOL_EXAMPLE);
    }

    @Test
    void shouldAllocateNothingPerLtpFrame() {
        assertAllocatesNothing("ltp", LTP_FRAME);
    }

    @Test
    void shouldAllocateNothingPerQuoteFrameWithNumbersAsStrings() {
        assertAllocatesNothing("quote, numbers as strings", QUOTE_FRAME_WITH_STRING_NUMBERS);
    }

    private void assertAllocatesNothing(String name, String text) {
        byte[] frame = text.getBytes(StandardCharsets.UTF_8);
        assertThat(decodeTicks(frame, WARM_UP)).as(name).isEqualTo(WARM_UP);

        long before = threads.getCurrentThreadAllocatedBytes();
        int ticks = decodeTicks(frame, MEASURED);
        double perFrame = (threads.getCurrentThreadAllocatedBytes() - before) / (double) MEASURED;
        System.out.printf("bytes per frame, %s: %.3f%n", name, perFrame);

        // Every frame must really have been decoded, or a fast failure could pass for no allocation.
        assertThat(ticks).as(name).isEqualTo(MEASURED);
        assertThat(perFrame).as(name + ": bytes per frame").isLessThan(1.0);
    }

    private int decodeTicks(byte[] frame, int times) {
        int ticks = 0;
        for (int i = 0; i < times; i++) {
            if (decoder.decode(frame, i, tick) == FrameKind.TICK) {
                ticks++;
            }
        }
        return ticks;
    }
}
