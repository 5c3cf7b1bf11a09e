package io.optionchain.gateway;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.pipeline.TickEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Seeded random damage to a valid frame: the decoder must never throw, and whatever it calls a tick must
 * name a registered instrument whose symbol is really in the frame, and carry something.
 */
class FrameDecoderMutationTest {
    private static final int MUTATIONS = 5_000;
    private static final byte[] NOISE = "{}[]\",:0123456789.-eE \\tnulrs\u00e9".getBytes(StandardCharsets.UTF_8);

    private final InstrumentRegistry registry = FrameDecoderTest.registry();
    private final FrameDecoder decoder = new FrameDecoder(registry);

    @Test
    void shouldNeverThrowNorInventAnInstrumentWhateverTheDamage() {
        byte[] valid = FrameDecoderTest.PROTOCOL_EXAMPLE.getBytes(StandardCharsets.UTF_8);
        SplittableRandom random = new SplittableRandom(7);
        TickEvent tick = new TickEvent();
        Map<FrameKind, Integer> seen = new EnumMap<>(FrameKind.class);

        for (int i = 0; i < MUTATIONS; i++) {
            byte[] frame = mutate(valid, random, 1 + random.nextInt(4));
            FrameKind[] kind = new FrameKind[1];
            assertThatCode(() -> kind[0] = decoder.decode(frame, 1L, tick)).doesNotThrowAnyException();
            seen.merge(kind[0], 1, Integer::sum);
            if (kind[0] == FrameKind.TICK) {
                Instrument instrument = registry.byId(tick.instrumentId);
                String text = new String(frame, StandardCharsets.UTF_8);
                assertThat(instrument).as(text).isNotNull();
                assertThat(text).contains("\"" + instrument.symbol() + "\"");
                assertThat(tick.fields).as(text).isNotZero();
                assertThat(tick.mode).as(text).isBetween(1, 3);
                assertThat(tick.bidLevels).isBetween(0, TickEvent.DEPTH_LEVELS);
                assertThat(tick.askLevels).isBetween(0, TickEvent.DEPTH_LEVELS);
            }
        }
        // The damage must have exercised more than one outcome, or the test proves little.
        assertThat(seen).containsKeys(FrameKind.TICK, FrameKind.MALFORMED);
    }

    private static byte[] mutate(byte[] valid, SplittableRandom random, int times) {
        byte[] frame = valid;
        for (int t = 0; t < times; t++) {
            int at = random.nextInt(frame.length);
            frame = switch (random.nextInt(6)) {
                case 0 -> { // overwrite a byte with structure or noise
                    byte[] copy = frame.clone();
                    copy[at] = NOISE[random.nextInt(NOISE.length)];
                    yield copy;
                }
                case 1 -> { // flip a bit, possibly making invalid UTF-8
                    byte[] copy = frame.clone();
                    copy[at] ^= (byte) (1 << random.nextInt(8));
                    yield copy;
                }
                case 2 -> Arrays.copyOf(frame, at); // truncate
                case 3 -> { // delete a run
                    int length = Math.min(frame.length - at, 1 + random.nextInt(20));
                    byte[] copy = new byte[frame.length - length];
                    System.arraycopy(frame, 0, copy, 0, at);
                    System.arraycopy(frame, at + length, copy, at, frame.length - at - length);
                    yield copy;
                }
                case 4 -> { // duplicate a run in place
                    int length = Math.min(frame.length - at, 1 + random.nextInt(30));
                    byte[] copy = new byte[frame.length + length];
                    System.arraycopy(frame, 0, copy, 0, at + length);
                    System.arraycopy(frame, at, copy, at + length, frame.length - at);
                    yield copy;
                }
                default -> { // swap two digits of a symbol or number
                    byte[] copy = frame.clone();
                    int other = random.nextInt(frame.length);
                    byte b = copy[at];
                    copy[at] = copy[other];
                    copy[other] = b;
                    yield copy;
                }
            };
            if (frame.length == 0) {
                return frame;
            }
        }
        return frame;
    }
}
