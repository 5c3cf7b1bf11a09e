package io.optionchain.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.optionchain.engine.pipeline.TickEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a decoded frame costs the heap, measured with the JVM's per-thread allocation counter: the
 * decoder must add nothing to what Jackson's parser creation and a bare token walk already cost.
 */
class FrameDecoderAllocationTest {
    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 20_000;
    /** Slack for counter granularity and for JIT decisions that differ between the two loops. */
    private static final double TOLERANCE_BYTES = 24;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void shouldAllocateNoMorePerFrameThanTheParserItself() throws IOException {
        byte[] depthFrame = FrameDecoderTest.PROTOCOL_EXAMPLE.getBytes(StandardCharsets.UTF_8);
        byte[] stringNumbers = FrameDecoderTest.PROTOCOL_EXAMPLE.replace("311.6", "\"311.6\"")
                .replace("2841075", "\"2841075\"").getBytes(StandardCharsets.UTF_8);
        FrameDecoder decoder = new FrameDecoder(FrameDecoderTest.registry());
        TickEvent tick = new TickEvent();
        JsonFactory bare = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

        double parserOnly = perFrame(() -> walk(bare, depthFrame));
        double decoded = perFrame(() -> decoder.decode(depthFrame, 1L, tick));
        double decodedStrings = perFrame(() -> decoder.decode(stringNumbers, 1L, tick));
        System.out.printf("bytes per frame: parser create+walk %.0f, decode %.0f, decode with string numbers %.0f%n",
                parserOnly, decoded, decodedStrings);

        assertThat(decoder.decode(depthFrame, 1L, tick)).isEqualTo(FrameKind.TICK);
        assertThat(decoded).isLessThanOrEqualTo(parserOnly + TOLERANCE_BYTES);
        assertThat(decodedStrings).isLessThanOrEqualTo(parserOnly + TOLERANCE_BYTES);
    }

    private double perFrame(Runnable decodeOne) {
        for (int i = 0; i < WARM_UP; i++) {
            decodeOne.run();
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < MEASURED; i++) {
            decodeOne.run();
        }
        return (threads.getThreadAllocatedBytes(thread) - before) / (double) MEASURED;
    }

    private static void walk(JsonFactory json, byte[] frame) {
        try (JsonParser parser = json.createParser(frame)) {
            while (parser.nextToken() != null) {
                // tokenise only: the parser's own cost
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
