package io.optionchain.engine.journal;

import io.optionchain.engine.journal.JournalRecord.Opened;
import io.optionchain.engine.journal.JournalRecord.OpenedLeg;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.TriggerOn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A position's trigger rules ({@code trigger_on}, {@code confirm_ticks}, {@code confirm_ms}) are the last fields of
 * its OPENED record, after the account and the square-off time: a position without them journals byte for byte as
 * before, and a record written before them reads as the touch, fired on the first evaluation.
 */
class JournalTriggerRulesTest {
    private static final LocalDate DAY = LocalDate.of(2025, 11, 25);
    private static final long NOW = 1_764_043_200_000L;
    private static final List<OpenedLeg> LEG = List.of(new OpenedLeg("NIFTY25NOV2524500CE", "NFO", "NIFTY", DAY,
            24_500, OptionType.CE, PositionSide.LONG, 75, 75, 100));

    @TempDir
    Path data;

    @Test
    void shouldReadARecordWrittenBeforeTriggerRulesAsTheTouchAndWriteDefaultRulesAsBefore() {
        ByteBuffer former = before();
        string(former, "dhan-backup");
        former.putInt(LocalTime.of(15, 15).toSecondOfDay());
        former.flip();

        Opened read = (Opened) JournalCodec.decode(former.get(), former.slice());
        assertThat(read.account()).isEqualTo("dhan-backup");
        assertThat(read.rules().squareOffAt()).isEqualTo(LocalTime.of(15, 15));
        assertThat(read.rules().triggerOn()).isEqualTo(TriggerOn.TOUCH);
        assertThat(read.rules().confirmTicks()).isZero();
        assertThat(read.rules().confirmMillis()).isZero();
        assertThat(read.rules().hasTriggerRules()).isFalse();
        assertThat(encoded(read)).as("written as before trigger rules").isEqualTo(former.rewind());
    }

    @Test
    void shouldRoundTripTriggerRulesWithAndWithoutTheFieldsBeforeThem() {
        ExitRules depth = ExitRules.stopAt(80).withTriggerOn(TriggerOn.DEPTH).withConfirmTicks(3);
        Opened bare = new Opened(4, NOW, "scalp", "MIS", depth, LEG);
        ByteBuffer written = encoded(bare);
        ByteBuffer expected = before();
        string(expected, "");                                      // the primary's
        expected.putInt(-1);                                       // no square-off time
        expected.put((byte) 1).putInt(3).putLong(0);
        assertThat(written).isEqualTo(expected.flip());
        assertThat(JournalCodec.decode(written.get(), written.slice())).isEqualTo(bare);

        Opened full = new Opened(5, NOW, "scalp", "MIS", ExitRules.stopAt(80).withSquareOffAt(LocalTime.of(15, 15, 30))
                .withConfirmMillis(750), LEG, "dhan-backup");
        ByteBuffer again = encoded(full);
        Opened read = (Opened) JournalCodec.decode(again.get(), again.slice());
        assertThat(read).isEqualTo(full);
        assertThat(read.rules().triggerOn()).isEqualTo(TriggerOn.TOUCH);
        assertThat(read.rules().confirmMillis()).isEqualTo(750);
    }

    @Test
    void shouldKeepTriggerRulesThroughAJournalFile() {
        Opened depth = new Opened(0, NOW, "scalp", "NRML", ExitRules.stopAt(80).withTriggerOn(TriggerOn.DEPTH)
                .withConfirmMillis(2_000), LEG);
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            journal.append(depth);
        }
        assertThat(Journal.read(data.resolve(Journal.FILE_NAME))).filteredOn(r -> r instanceof Opened)
                .singleElement().isEqualTo(depth);
    }

    /** An OPENED record of one leg with a stop at 80, as every version wrote it up to the legs. */
    private static ByteBuffer before() {
        ByteBuffer out = ByteBuffer.allocate(512).put(JournalDescriptor.OPENED).putLong(4).putLong(NOW);
        string(out, "scalp");
        string(out, "MIS");
        out.put((byte) 1).putDouble(80).put((byte) 0).putDouble(0).put((byte) 0).putDouble(0)
                .put((byte) 0).putDouble(0);
        out.put((byte) 1);
        string(out, "NIFTY25NOV2524500CE");
        string(out, "NFO");
        string(out, "NIFTY");
        out.putInt((int) DAY.toEpochDay()).putDouble(24_500);
        string(out, "CE");
        out.put((byte) 0).putLong(75).putInt(75).putDouble(100);
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
