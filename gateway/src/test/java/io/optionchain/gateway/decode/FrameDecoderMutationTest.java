package io.optionchain.gateway.decode;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.tick.TickEvent;
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
 * name a registered instrument whose symbol is really in the frame, and carry something. One decoder
 * takes every frame, damaged ones interleaved with intact ones, as on a live connection: the decoder
 * keeps its parser between frames, so an intact frame right after a damaged one must decode exactly as
 * it would on a fresh decoder.
 */
class FrameDecoderMutationTest {
    private static final int MUTATIONS = 5_000;
    private static final byte[] NOISE = "{}[]\",:0123456789.-eE \\tnulrs\u00e9".getBytes(StandardCharsets.UTF_8);

    private static final IntactFrame[] INTACT = {
            IntactFrame.of(FrameDecoderTest.PROTOCOL_EXAMPLE),
            IntactFrame.of("{\"type\":\"market_data\",\"symbol\":\"NIFTY\",\"mode\":1,\"data\":{\"ltp\":24567.35}}"),
            IntactFrame.of("{\"type\":\"market_data\",\"symbol\":\"NIFTY25AUG2624550PE\",\"data\":{\"ltp\":\"101.5\","
                    + "\"open\":\"99\",\"high\":120.25,\"low\":95.5,\"close\":110,\"volume\":\"12345\"}}"),
    };

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
            // Half the damaged frames are followed by an intact one, the other half by more damage.
            if (random.nextBoolean()) {
                assertIntactFrameDecodesWhole(INTACT[random.nextInt(INTACT.length)], frame, tick);
            }
        }
        // The damage must have exercised more than one outcome, or the test proves little.
        assertThat(seen).containsKeys(FrameKind.TICK, FrameKind.MALFORMED);
    }

    @Test
    void shouldCallEveryTruncationMalformedAndDecodeTheNextFrameWhole() {
        byte[] valid = FrameDecoderTest.PROTOCOL_EXAMPLE.getBytes(StandardCharsets.UTF_8);
        int objectEnd = FrameDecoderTest.PROTOCOL_EXAMPLE.lastIndexOf('}') + 1;
        TickEvent tick = new TickEvent();

        for (int cut = 0; cut < objectEnd; cut++) {
            byte[] truncated = Arrays.copyOf(valid, cut);
            assertThat(decoder.decode(truncated, 1L, tick)).as("cut at %d", cut).isEqualTo(FrameKind.MALFORMED);
            assertIntactFrameDecodesWhole(INTACT[cut % INTACT.length], truncated, tick);
        }
    }

    private void assertIntactFrameDecodesWhole(IntactFrame intact, byte[] after, TickEvent tick) {
        String context = "after " + new String(after, StandardCharsets.UTF_8);
        assertThat(decoder.decode(intact.bytes, 1L, tick)).as(context).isEqualTo(FrameKind.TICK);
        if (!FrameDecoderDifferentialTest.same(tick, intact.tick)) {
            // The slow, descriptive comparison only for the event that differs.
            assertThat(tick).as(context).usingRecursiveComparison().isEqualTo(intact.tick);
        }
    }

    /** A frame and the event a decoder that never saw damage makes of it. */
    private record IntactFrame(byte[] bytes, TickEvent tick) {
        static IntactFrame of(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            TickEvent tick = new TickEvent();
            FrameKind kind = new FrameDecoder(FrameDecoderTest.registry()).decode(bytes, 1L, tick);
            if (kind != FrameKind.TICK) {
                throw new IllegalStateException("not a tick: " + text);
            }
            return new IntactFrame(bytes, tick);
        }
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
