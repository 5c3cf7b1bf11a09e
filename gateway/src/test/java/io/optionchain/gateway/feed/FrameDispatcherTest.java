package io.optionchain.gateway.feed;

import io.optionchain.engine.tick.TickEvent;
import io.optionchain.engine.tick.TickSink;
import io.optionchain.gateway.decode.FrameDecoder;
import io.optionchain.gateway.decode.FrameDecoderTest;
import io.optionchain.gateway.decode.FrameKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FrameDispatcherTest {
    private static final byte[] TICK = FrameDecoderTest.PROTOCOL_EXAMPLE.getBytes(StandardCharsets.UTF_8);

    private final FeedCounters counters = new FeedCounters();
    private final List<TickEvent> accepted = new ArrayList<>();
    private boolean full;
    private final TickSink sink = tick -> {
        if (full) {
            return false;
        }
        TickEvent copy = new TickEvent();
        copy.copyFrom(tick);
        accepted.add(copy);
        return true;
    };
    private final FrameDispatcher dispatcher =
            new FrameDispatcher(new FrameDecoder(FrameDecoderTest.registry()), sink, counters);

    @Test
    void shouldOfferTicksAndCountEveryKindOfFrame() {
        assertThat(dispatcher.onFrame(TICK, 10L)).isEqualTo(FrameKind.TICK);
        assertThat(dispatcher.onFrame(bytes("{\"type\":\"pong\"}"), 11L)).isEqualTo(FrameKind.CONTROL);
        assertThat(dispatcher.onFrame(bytes("{\"type\":\"market_data\",\"symbol\":\"X\",\"ltp\":1}"), 12L))
                .isEqualTo(FrameKind.UNKNOWN_SYMBOL);
        assertThat(dispatcher.onFrame(bytes("{\"type\""), 13L)).isEqualTo(FrameKind.MALFORMED);

        assertThat(accepted).hasSize(1);
        assertThat(accepted.get(0).arrivalNanos).isEqualTo(10L);
        assertThat(counters.frames()).isEqualTo(4);
        assertThat(counters.ticks()).isEqualTo(1);
        assertThat(counters.unknownSymbols()).isEqualTo(1);
        assertThat(counters.malformedFrames()).isEqualTo(1);
        assertThat(counters.lastTickNanos()).isEqualTo(10L);
        assertThat(counters.lastFrameNanos()).isEqualTo(13L);
    }

    @Test
    void shouldSkipAnOversizedFrameUnreadAndKeepDecoding() {
        // valid JSON, so only its size can keep it out: a padded market-data frame for a known symbol
        String padding = " ".repeat(FrameDispatcher.MAX_FRAME_BYTES);
        byte[] huge = bytes(new String(TICK, java.nio.charset.StandardCharsets.UTF_8).replaceFirst("\\{", "{" + padding));

        assertThat(dispatcher.onFrame(huge, 20L)).isEqualTo(FrameKind.OVERSIZED);
        assertThat(dispatcher.onFrame(TICK, 21L)).isEqualTo(FrameKind.TICK);

        assertThat(counters.oversizedFrames()).isEqualTo(1);
        assertThat(counters.malformedFrames()).isZero();
        assertThat(accepted).hasSize(1);
    }

    @Test
    void shouldCountATickTheSinkRefusesAsDroppedAndCarryOn() {
        full = true;
        dispatcher.onFrame(TICK, 1L);
        full = false;
        dispatcher.onFrame(TICK, 2L);

        assertThat(counters.droppedTicks()).isEqualTo(1);
        assertThat(counters.ticks()).isEqualTo(1);
        assertThat(accepted).hasSize(1);
    }

    @Test
    void shouldSurviveASinkThatThrows() {
        FrameDispatcher fragile = new FrameDispatcher(new FrameDecoder(FrameDecoderTest.registry()),
                tick -> {
                    throw new IllegalStateException("ring closed");
                }, counters);
        assertThat(fragile.onFrame(TICK, 1L)).isEqualTo(FrameKind.TICK);
        assertThat(counters.droppedTicks()).isEqualTo(1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
