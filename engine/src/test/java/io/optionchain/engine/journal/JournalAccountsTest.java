package io.optionchain.engine.journal;

import io.optionchain.engine.journal.JournalRecord.Closed;
import io.optionchain.engine.journal.JournalRecord.Exiting;
import io.optionchain.engine.journal.JournalRecord.Filled;
import io.optionchain.engine.journal.JournalRecord.Opened;
import io.optionchain.engine.journal.JournalRecord.OpenedLeg;
import io.optionchain.engine.journal.JournalRecord.OrderOwner;
import io.optionchain.engine.journal.JournalRecord.OrderSent;
import io.optionchain.engine.journal.JournalRecord.Snapshot;
import io.optionchain.engine.journal.JournalRecord.StrategyTally;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.ports.ExitOrder;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.PositionSide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A position's account is journalled with it, as a field at the end of its OPENED record: a journal written before
 * accounts reads byte for byte as it always did, each of its positions the primary's, and a compaction keeps every
 * account, those of the orders of the positions it drops included. Two accounts may use the same order id: the
 * journal knows each order by its account and id together.
 */
class JournalAccountsTest {
    private static final LocalDate DAY = LocalDate.of(2025, 11, 25);
    private static final long NOW = 1_764_043_200_000L;
    private static final List<OpenedLeg> LEG = List.of(new OpenedLeg("NIFTY25NOV2524500CE", "NFO", "NIFTY", DAY,
            24_500, OptionType.CE, PositionSide.LONG, 75, 75, 100));

    @TempDir
    Path data;

    @Test
    void shouldWriteAPositionOfThePrimaryAsBeforeAccountsAndReadSuchARecordAsThePrimarys() {
        ByteBuffer former = ByteBuffer.allocate(512).put(JournalDescriptor.OPENED).putLong(4).putLong(NOW);
        string(former, "scalp");
        string(former, "MIS");
        former.put((byte) 1).putDouble(80).put((byte) 0).putDouble(0).put((byte) 0).putDouble(0)
                .put((byte) 0).putDouble(0);
        former.put((byte) 1);
        string(former, "NIFTY25NOV2524500CE");
        string(former, "NFO");
        string(former, "NIFTY");
        former.putInt((int) DAY.toEpochDay()).putDouble(24_500);
        string(former, "CE");
        former.put((byte) 0).putLong(75).putInt(75).putDouble(100);
        former.flip();

        Opened before = new Opened(4, NOW, "scalp", "MIS", ExitRules.stopAt(80), LEG);
        assertThat(encoded(before)).as("written as before accounts").isEqualTo(former.duplicate());
        byte type = former.get();
        JournalRecord read = JournalCodec.decode(type, former.slice());
        assertThat(read).isEqualTo(before);
        assertThat(((Opened) read).account()).as("the primary's").isNull();

        Opened held = new Opened(4, NOW, "scalp", "MIS", ExitRules.stopAt(80), LEG, "dhan-backup");
        ByteBuffer now = encoded(held);
        assertThat(now.remaining()).as("the account's name added at the end").isEqualTo(former.limit() + 2 + 11);
        assertThat(JournalCodec.decode(now.get(), now.slice())).isEqualTo(held);
    }

    @Test
    void shouldKeepEveryAccountThroughACompactionAndTellOrdersOfOneIdInTwoAccountsApart() {
        String epoch;
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            epoch = journal.epoch();
            // both accounts' brokers numbered their first order 1000; position 0 ends and is dropped, 1 and 2 stay
            journal.appendAll(List.of(
                    new Opened(0, NOW, "a", "MIS", ExitRules.stopAt(80), LEG, "zerodha-main"),
                    new Opened(1, NOW, "b", "MIS", ExitRules.stopAt(80), LEG, "dhan-backup"),
                    new Opened(2, NOW, "c", "MIS", ExitRules.stopAt(80), LEG),
                    exiting(0), new OrderSent(0, 0, "1000", 79, false), new Filled(0, 0, 79), new Closed(0, NOW),
                    exiting(1), new OrderSent(1, 0, "1000", 79, false)));
            assertThat(journal.knownOrderOwners()).containsExactlyInAnyOrder(
                    new OwnedOrder("zerodha-main", "1000", ExitOrder.tag(epoch, 0, 0)),
                    new OwnedOrder("dhan-backup", "1000", ExitOrder.tag(epoch, 1, 0)));

            new JournalCompaction(journal, 3, DAY, List.of(new StrategyTally("a", 1, -75.0)), Set.of(1L, 2L))
                    .run(NOW);
        }

        List<JournalRecord> read = Journal.read(data.resolve(Journal.FILE_NAME));
        assertThat(read.get(0)).isEqualTo(new Snapshot(3, DAY, List.of(new StrategyTally("a", 1, -75.0)),
                List.of(new OrderOwner("1000", ExitOrder.tag(epoch, 0, 0), DAY, "zerodha-main"))));
        assertThat(read).filteredOn(r -> r instanceof Opened).extracting(r -> ((Opened) r).account())
                .containsExactly("dhan-backup", null);
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.health().damaged()).isFalse();
            assertThat(journal.knownOrderOwners()).containsExactlyInAnyOrder(
                    new OwnedOrder("zerodha-main", "1000", ExitOrder.tag(epoch, 0, 0)),
                    new OwnedOrder("dhan-backup", "1000", ExitOrder.tag(epoch, 1, 0)));
        }
    }

    @Test
    void shouldWriteASnapshotOfThePrimarysOrdersAsBeforeAccounts() {
        Snapshot primary = new Snapshot(9, DAY, List.of(), List.of(new OrderOwner("1000", "oc-x-0-0", DAY)));
        ByteBuffer former = ByteBuffer.allocate(256).put(JournalDescriptor.SNAPSHOT).putLong(9)
                .putInt((int) DAY.toEpochDay()).putInt(0).putInt(1);
        string(former, "1000");
        string(former, "oc-x-0-0");
        former.putInt((int) DAY.toEpochDay());
        former.flip();
        assertThat(encoded(primary)).isEqualTo(former.duplicate());
        byte type = former.get();
        assertThat(JournalCodec.decode(type, former.slice())).isEqualTo(primary);

        Snapshot mixed = new Snapshot(9, DAY, List.of(), List.of(new OrderOwner("1000", "oc-x-0-0", DAY),
                new OrderOwner("1000", "oc-x-1-0", DAY, "dhan-backup")));
        ByteBuffer now = encoded(mixed);
        assertThat(JournalCodec.decode(now.get(), now.slice())).isEqualTo(mixed);
    }

    private static Exiting exiting(long id) {
        return new Exiting(id, NOW, ExitReason.STOP, 80, 80, "NIFTY25NOV2524500CE", NOW, NOW, 80, 80.5, 80.2, 1_000);
    }

    /**
     * A snapshot's tallies keep the account that held their positions (what an account's MTM limit counts of the
     * positions that left memory): a snapshot of the primary's alone is written as before, and one with a tally of
     * another account reads back whole, with or without orders of other accounts.
     */
    @Test
    void shouldKeepTheAccountOfEachTallyInASnapshotAndWriteThePrimarysAsBefore() {
        OrderOwner primary = new OrderOwner("1000", "oc-e-0-0", DAY);
        Snapshot before = new Snapshot(3, DAY, List.of(new StrategyTally("a", 1, -75.0)), List.of(primary));
        ByteBuffer former = encoded(before);
        Snapshot held = new Snapshot(3, DAY, List.of(new StrategyTally("a", 1, -75.0),
                new StrategyTally("a", 2, 40.0, "dhan-backup")), List.of(primary));
        ByteBuffer now = encoded(held);
        assertThat(now.remaining()).as("the second tally (name, count, P&L), then each order's account (empty: the"
                + " primary's) and each tally's").isEqualTo(former.remaining() + (2 + 1 + 4 + 8) + 2 + 2 + (2 + 11));
        assertThat(JournalCodec.decode(former.get(), former.slice())).isEqualTo(before);
        assertThat(JournalCodec.decode(now.get(), now.slice())).isEqualTo(held);

        Snapshot both = new Snapshot(3, DAY, List.of(new StrategyTally("a", 2, 40.0, "dhan-backup")),
                List.of(new OrderOwner("1000", "oc-e-0-0", DAY, "zerodha-main")));
        ByteBuffer mixed = encoded(both);
        assertThat(JournalCodec.decode(mixed.get(), mixed.slice())).isEqualTo(both);
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
