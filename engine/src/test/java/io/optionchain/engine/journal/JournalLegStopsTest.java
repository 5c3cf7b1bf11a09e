package io.optionchain.engine.journal;

import io.optionchain.engine.journal.JournalRecord.Closed;
import io.optionchain.engine.journal.JournalRecord.Exiting;
import io.optionchain.engine.journal.JournalRecord.Filled;
import io.optionchain.engine.journal.JournalRecord.LegExiting;
import io.optionchain.engine.journal.JournalRecord.Opened;
import io.optionchain.engine.journal.JournalRecord.OpenedLeg;
import io.optionchain.engine.journal.JournalRecord.OrderSent;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LegRules;
import io.optionchain.engine.positions.OnLegStop;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.TriggerOn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-leg rules and {@code on_leg_stop} are the last fields of an OPENED record, after the trigger rules: a position
 * without them journals byte for byte as before, and a record written before them reads as legs without rules of
 * their own and {@code exit_leg}. A leg's own exit is a LEG_EXITING record, folded by replay beside its position's.
 */
class JournalLegStopsTest {
    private static final LocalDate DAY = LocalDate.of(2025, 11, 25);
    private static final long NOW = 1_764_043_200_000L;
    private static final OpenedLeg CE = new OpenedLeg("NIFTY25NOV2524500CE", "NFO", "NIFTY", DAY, 24_500,
            OptionType.CE, PositionSide.SHORT, 150, 75, 150);
    private static final OpenedLeg PE = new OpenedLeg("NIFTY25NOV2524500PE", "NFO", "NIFTY", DAY, 24_500,
            OptionType.PE, PositionSide.LONG, 75, 75, 100);

    @TempDir
    Path data;

    @Test
    void shouldReadAnOpenedWrittenBeforeLegRulesAsLegsWithoutRulesAndWriteItAsBefore() {
        ByteBuffer former = before();
        string(former, "");
        former.putInt(-1);
        former.put((byte) 1).putInt(2).putLong(0);               // depth, confirm_ticks 2: the last fields then
        former.flip();

        Opened read = (Opened) JournalCodec.decode(former.get(), former.slice());
        assertThat(read.rules().triggerOn()).isEqualTo(TriggerOn.DEPTH);
        assertThat(read.rules().onLegStop()).isEqualTo(OnLegStop.EXIT_LEG);
        assertThat(read.legs()).extracting(OpenedLeg::rules).containsOnly(LegRules.NONE);
        assertThat(encoded(read)).as("written as before leg rules").isEqualTo(former.rewind());

        ByteBuffer oldest = before().flip();                      // nothing after the legs at all
        Opened bare = (Opened) JournalCodec.decode(oldest.get(), oldest.slice());
        assertThat(bare.legs().get(0).rules()).isEqualTo(LegRules.NONE);
        assertThat(bare.rules().onLegStop()).isEqualTo(OnLegStop.EXIT_LEG);
        assertThat(encoded(bare)).isEqualTo(oldest.rewind());
    }

    @Test
    void shouldRoundTripLegRulesAndTheExitModeWithTheFieldsBeforeThemAtTheirDefaults() {
        Opened ratio = new Opened(4, NOW, "ratio", "MIS", ExitRules.none()
                .withOnLegStop(OnLegStop.EXIT_LEG_AND_MOVE_OTHERS_TO_COST),
                List.of(withRules(CE, new LegRules(170.0, null, 120.0)), withRules(PE, new LegRules(null, 25.0, null))));
        ByteBuffer written = encoded(ratio);
        Opened read = (Opened) JournalCodec.decode(written.get(), written.slice());
        assertThat(read).isEqualTo(ratio);
        assertThat(read.account()).isNull();
        assertThat(read.rules().squareOffAt()).isNull();
        assertThat(read.rules().hasTriggerRules()).isFalse();

        Opened modeOnly = new Opened(5, NOW, "s", "MIS", ExitRules.none().withOnLegStop(OnLegStop.EXIT_ALL),
                List.of(CE), "dhan-backup");
        ByteBuffer again = encoded(modeOnly);
        assertThat(JournalCodec.decode(again.get(), again.slice())).isEqualTo(modeOnly);
    }

    @Test
    void shouldRoundTripALegsOwnExitThroughAJournalFile() {
        LegExiting exiting = new LegExiting(4, 1, NOW, ExitReason.LEG_PERCENT_STOP, 75.05, 75, "NIFTY25NOV2524500PE",
                NOW - 3, NOW - 2, 75.05, 75.1, 75.05, 12_345, 1_800, true);
        ByteBuffer written = encoded(exiting);
        assertThat(JournalCodec.decode(written.get(), written.slice())).isEqualTo(exiting);
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            journal.append(new Opened(4, NOW, "ratio", "MIS", ExitRules.none(), List.of(CE, PE)));
            journal.append(exiting);
        }
        assertThat(Journal.read(data.resolve(Journal.FILE_NAME))).filteredOn(r -> r instanceof LegExiting)
                .singleElement().isEqualTo(exiting);
    }

    @Test
    void shouldReplayALegsOwnExitWhileItsPositionStaysOpenAndTheMovedStops() {
        Opened opened = new Opened(7, NOW, "straddle", "MIS", ExitRules.none(),
                List.of(withRules(CE, new LegRules(200.0, null, null)), withRules(PE, new LegRules(80.0, null, null)),
                        withRules(PE, LegRules.NONE)));
        List<JournalRecord> records = List.of(opened,
                legExiting(7, 0, true),
                new OrderSent(7, 0, "b-1", 200, false),
                new Filled(7, 0, 200.5));
        JournalReplay.Image image = JournalReplay.fold(records).get(7L);
        assertThat(image.state).isEqualTo(PositionState.OPEN);
        assertThat(image.legs[0].exiting).isNotNull();
        assertThat(image.legs[0].slices[0].fillPrice).isEqualTo(200.5);
        assertThat(image.legs[1].atCost).isTrue();
        assertThat(image.legs[2].atCost).isTrue();
        assertThat(image.legs[0].atCost).isFalse();

        // the position's exit later plans only the legs still watched: the filled leg keeps its fill
        Map<Long, JournalReplay.Image> exited = JournalReplay.fold(List.of(opened, legExiting(7, 0, false),
                new OrderSent(7, 0, "b-1", 200, false), new Filled(7, 0, 200.5),
                new Exiting(7, NOW + 5, ExitReason.EXIT_ALL, 0, 0, "", 0, 0, 0, 0, 0, -1)));
        assertThat(exited.get(7L).state).isEqualTo(PositionState.EXITING);
        assertThat(exited.get(7L).legs[0].slices[0].fillPrice).isEqualTo(200.5);
        assertThat(exited.get(7L).legs[1].atCost).isFalse();
    }

    @Test
    void shouldEndAPositionWhoseLegsAllExitedOnTheirOwnWithOrWithoutItsClosedRecord() {
        Opened opened = new Opened(8, NOW, "ratio", "MIS", ExitRules.none(), List.of(CE, PE));
        List<JournalRecord> allFilled = List.of(opened, legExiting(8, 0, false), new OrderSent(8, 0, "b-1", 1, false),
                new Filled(8, 0, 1), legExiting(8, 1, false), new OrderSent(8, 1, "b-2", 1, false), new Filled(8, 1, 1));
        assertThat(JournalReplay.fold(allFilled).get(8L).state).as("crashed before CLOSED")
                .isEqualTo(PositionState.CLOSED);
        List<JournalRecord> closed = new java.util.ArrayList<>(allFilled);
        closed.add(new Closed(8, NOW + 9));
        assertThat(JournalReplay.fold(closed).get(8L).state).isEqualTo(PositionState.CLOSED);
        assertThat(JournalReplay.fold(closed).get(8L).endedMillis).isEqualTo(NOW + 9);

        assertThat(JournalReplay.fold(List.of(opened, legExiting(8, 0, false), legExiting(8, 0, false),
                new OrderSent(8, 1, "b-9", 1, false))).get(8L).legs[1].slices[0].orderId)
                .as("an order of a leg not exiting is skipped").isNull();
    }

    private static LegExiting legExiting(long id, int leg, boolean toCost) {
        return new LegExiting(id, leg, NOW, ExitReason.LEG_STOP, 200, 200, "", 0, 0, 199.5, 200, 200, -1, 150, toCost);
    }

    private static OpenedLeg withRules(OpenedLeg leg, LegRules rules) {
        return new OpenedLeg(leg.symbol(), leg.exchange(), leg.underlying(), leg.expiry(), leg.strike(),
                leg.optionType(), leg.side(), leg.quantity(), leg.lotSize(), leg.entryPrice(), rules);
    }

    /** An OPENED record of one short leg with no rules, as every version wrote it up to the legs. */
    private static ByteBuffer before() {
        ByteBuffer out = ByteBuffer.allocate(512).put(JournalDescriptor.OPENED).putLong(4).putLong(NOW);
        string(out, "scalp");
        string(out, "MIS");
        out.put((byte) 0).putDouble(0).put((byte) 0).putDouble(0).put((byte) 0).putDouble(0)
                .put((byte) 0).putDouble(0);
        out.put((byte) 1);
        string(out, "NIFTY25NOV2524500CE");
        string(out, "NFO");
        string(out, "NIFTY");
        out.putInt((int) DAY.toEpochDay()).putDouble(24_500);
        string(out, "CE");
        out.put((byte) 1).putLong(150).putInt(75).putDouble(150);
        return out;
    }

    private static ByteBuffer encoded(JournalRecord record) {
        ByteBuffer out = ByteBuffer.allocate(512);
        JournalCodec.encode(record, out);
        return out.flip();
    }

    private static void string(ByteBuffer out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.putShort((short) bytes.length).put(bytes);
    }
}
