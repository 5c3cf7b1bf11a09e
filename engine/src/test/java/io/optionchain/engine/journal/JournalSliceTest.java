package io.optionchain.engine.journal;

import io.optionchain.engine.journal.JournalRecord.ExitFailed;
import io.optionchain.engine.journal.JournalRecord.Exiting;
import io.optionchain.engine.journal.JournalRecord.Filled;
import io.optionchain.engine.journal.JournalRecord.Opened;
import io.optionchain.engine.journal.JournalRecord.OpenedLeg;
import io.optionchain.engine.journal.JournalRecord.OrderSent;
import io.optionchain.engine.journal.JournalRecord.Repriced;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.PositionState;
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
 * Exits above the freeze quantity are journalled slice by slice, in the same record types as before: the slice and
 * the EXITING record's plan are fields at the end, written only for a sliced exit, so a leg sent whole journals
 * byte for byte as it did before slicing, and a record written then reads as slice 0 of 1.
 */
class JournalSliceTest {
    /** 25 NIFTY lots: above the freeze quantity of 1,800, sent as 1,800 + 75. */
    private static final Opened LONG_25_LOTS = new Opened(3, 1_764_043_200_000L, "big", "MIS", ExitRules.stopAt(80),
            List.of(new OpenedLeg("NIFTY25NOV2524500CE", "NFO", "NIFTY", LocalDate.of(2025, 11, 25), 24_500,
                    OptionType.CE, PositionSide.LONG, 1_875, 75, 100)));
    private static final Exiting PLANNED = new Exiting(3, 1_764_043_260_000L, ExitReason.STOP, 80, 80,
            "NIFTY25NOV2524500CE", 1, 2, 80, 80.5, 80.2, 41_250, List.of(1_800L));
    private static final Exiting UNPLANNED = new Exiting(3, 1_764_043_260_000L, ExitReason.STOP, 80, 80,
            "NIFTY25NOV2524500CE", 1, 2, 80, 80.5, 80.2, 41_250);

    @Test
    void shouldReadSliceRecordsAndThePlanBackAndNameEachSliceOrdersOwnerBySliceTag(@TempDir Path data) {
        List<JournalRecord> life = List.of(LONG_25_LOTS, PLANNED,
                new OrderSent(3, 0, "250408000989443", 79, false, 0, 2),
                new OrderSent(3, 0, "250408000989444", 79, true, 1, 2),
                new Repriced(3, 0, 1, 78.5, 1),
                new Filled(3, 0, 79, 0),
                new ExitFailed(3, 0, "exit order 250408000989444 rejected at the broker", 1));
        String epoch;
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            journal.appendAll(life);
            epoch = journal.epoch();
        }
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.replayed()).containsExactlyElementsOf(life);
            assertThat(journal.knownOrders()).containsAllEntriesOf(Map.of(
                    "250408000989443", "oc-" + epoch + "-3-0-0", "250408000989444", "oc-" + epoch + "-3-0-1"));
        }
    }

    @Test
    void shouldWriteALegSentWholeExactlyAsBeforeSlicingAndReadFormerRecordsAsSliceZeroOfOne() {
        ByteBuffer former = ByteBuffer.allocate(256);
        former.put(JournalDescriptor.ORDER_SENT).putLong(7).putInt(1);
        string(former, "250408000989444");
        former.putDouble(111.0).put((byte) 1);
        assertLayout(new OrderSent(7, 1, "250408000989444", 111.0, true), former);
        assertThat(new OrderSent(7, 1, "250408000989444", 111.0, true))
                .isEqualTo(new OrderSent(7, 1, "250408000989444", 111.0, true, 0, 1));

        former = ByteBuffer.allocate(256).put(JournalDescriptor.REPRICED).putLong(7).putInt(1).putInt(2)
                .putDouble(112.5);
        assertLayout(new Repriced(7, 1, 2, 112.5, 0), former);
        former = ByteBuffer.allocate(256).put(JournalDescriptor.FILLED).putLong(7).putInt(0).putDouble(140.95);
        assertLayout(new Filled(7, 0, 140.95, 0), former);
        former = ByteBuffer.allocate(256).put(JournalDescriptor.EXIT_FAILED).putLong(7).putInt(1);
        string(former, "rejected");
        assertLayout(new ExitFailed(7, 1, "rejected", 0), former);
        former = ByteBuffer.allocate(256).put(JournalDescriptor.EXITING).putLong(3).putLong(1_764_043_260_000L)
                .put((byte) ExitReason.STOP.ordinal()).putDouble(80).putDouble(80);
        string(former, "NIFTY25NOV2524500CE");
        former.putLong(1).putLong(2).putDouble(80).putDouble(80.5).putDouble(80.2).putLong(41_250);
        assertLayout(UNPLANNED, former);
    }

    /** A restart slices an exit under way as its EXITING record planned; one written before slicing, whole. */
    @Test
    void shouldReplayEachSliceFromItsOwnRecordsAndAFormerExitAsOneSlice() {
        Map<Long, JournalReplay.Image> sliced = JournalReplay.fold(List.of(LONG_25_LOTS, PLANNED,
                new OrderSent(3, 0, "b", 79, false, 1, 2), new Filled(3, 0, 79, 1)));
        JournalReplay.Image image = sliced.get(3L);
        assertThat(image.state).isEqualTo(PositionState.EXITING);
        assertThat(image.sliceQuantity(0)).isEqualTo(1_800);
        JournalReplay.SliceImage[] slices = image.legs[0].slices;
        assertThat(slices).hasSize(2);
        assertThat(slices[0].orderId).isNull();                 // not yet sent: a restart looks it up first
        assertThat(slices[1].orderId).isEqualTo("b");
        assertThat(slices[1].fillPrice).isEqualTo(79);

        Map<Long, JournalReplay.Image> former = JournalReplay.fold(List.of(LONG_25_LOTS, UNPLANNED,
                new OrderSent(3, 0, "a", 79, false), new Filled(3, 0, 79)));
        assertThat(former.get(3L).sliceQuantity(0)).isEqualTo(1_875);
        assertThat(former.get(3L).legs[0].slices).singleElement()
                .satisfies(slice -> assertThat(slice.orderId).isEqualTo("a"));

        // a slice the plan does not have is skipped, never invented
        Map<Long, JournalReplay.Image> stray = JournalReplay.fold(List.of(LONG_25_LOTS, UNPLANNED,
                new OrderSent(3, 0, "c", 79, false, 1, 2)));
        assertThat(stray.get(3L).legs[0].slices).singleElement().satisfies(slice -> assertThat(slice.orderId).isNull());
    }

    private static void assertLayout(JournalRecord record, ByteBuffer former) {
        former.flip();
        ByteBuffer now = ByteBuffer.allocate(256);
        JournalCodec.encode(record, now);
        now.flip();
        assertThat(now).as("%s in the layout written before slicing", record).isEqualTo(former.duplicate());
        byte type = former.get();
        assertThat(JournalCodec.decode(type, former.slice())).isEqualTo(record);
    }

    private static void string(ByteBuffer out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.putShort((short) bytes.length).put(bytes);
    }
}
