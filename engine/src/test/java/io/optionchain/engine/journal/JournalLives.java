package io.optionchain.engine.journal;

import io.optionchain.engine.journal.JournalRecord.Cancelled;
import io.optionchain.engine.journal.JournalRecord.Closed;
import io.optionchain.engine.journal.JournalRecord.Exiting;
import io.optionchain.engine.journal.JournalRecord.Filled;
import io.optionchain.engine.journal.JournalRecord.Opened;
import io.optionchain.engine.journal.JournalRecord.OpenedLeg;
import io.optionchain.engine.journal.JournalRecord.OrderSent;
import io.optionchain.engine.journal.JournalRecord.Repriced;
import io.optionchain.engine.journal.JournalRecord.TrailMark;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.TrailingStop;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded position lives as a desk journals them (opened, trail marks, exiting, orders sent, re-priced, filled,
 * closed, cancelled), interleaved across positions, and the version-2 file they make: the journal tests' twin
 * of a busy desk, without a desk.
 */
final class JournalLives {
    final List<JournalRecord> records = new ArrayList<>();
    /** What each position's life was meant to end in: OPEN, EXITING, CLOSED or CANCELLED. */
    final Map<Long, PositionState> intent = new HashMap<>();
    /** Where each record's frame starts and ends in {@link #bytes}. */
    final List<long[]> frames = new ArrayList<>();
    byte[] bytes;

    static JournalLives generate(Random random, int positions) {
        JournalLives lives = new JournalLives();
        List<Deque<JournalRecord>> active = new ArrayList<>();
        long next = 0;
        while (next < positions || !active.isEmpty()) {
            if (next < positions && (active.isEmpty() || random.nextInt(3) == 0)) {
                Deque<JournalRecord> life = lives.life(random, next++);
                lives.records.add(life.poll());
                if (!life.isEmpty()) {
                    active.add(life);
                }
            } else {
                int pick = random.nextInt(active.size());
                Deque<JournalRecord> life = active.get(pick);
                lives.records.add(life.poll());
                if (life.isEmpty()) {
                    active.remove(pick);
                }
            }
        }
        lives.encode();
        return lives;
    }

    private Deque<JournalRecord> life(Random random, long id) {
        int legs = 1 + random.nextInt(2);
        boolean isLong = random.nextBoolean();
        List<OpenedLeg> opened = new ArrayList<>();
        for (int i = 0; i < legs; i++) {
            opened.add(new OpenedLeg("NIFTY25NOV25" + (24_000 + 50 * random.nextInt(40)) + (i == 0 ? "CE" : "PE"),
                    "NFO", "NIFTY", LocalDate.of(2025, 11, 25), 24_500, i == 0 ? OptionType.CE : OptionType.PE,
                    isLong ? PositionSide.LONG : PositionSide.SHORT, 75, 75, 100 + random.nextInt(50)));
        }
        Deque<JournalRecord> life = new ArrayDeque<>();
        life.add(new Opened(id, 1_764_043_200_000L + id, "s" + id, "NRML",
                ExitRules.stopAt(80).withTrailing(TrailingStop.points(10)), opened));
        double mark = 100;
        for (int t = random.nextInt(4); t > 0; t--) {
            mark += isLong ? 1 + random.nextInt(5) : -1 - random.nextInt(5);
            life.add(new TrailMark(id, mark));
        }
        PositionState end = PositionState.values()[random.nextInt(4)];   // OPEN, EXITING, CLOSED, CANCELLED
        intent.put(id, end);
        if (end == PositionState.CANCELLED) {
            life.add(new Cancelled(id, 1_764_043_300_000L));
        } else if (end != PositionState.OPEN) {
            life.add(new Exiting(id, 1_764_043_260_000L, ExitReason.STOP, 80, 80, opened.get(0).symbol(), 1, 2, 79.5,
                    80, 79.8, 41_250));
            boolean closing = end == PositionState.CLOSED;
            for (int leg = 0; leg < legs; leg++) {
                if (closing || random.nextBoolean()) {
                    life.add(new OrderSent(id, leg, "ord-" + id + "-" + leg, 79, random.nextInt(5) == 0));
                    if (random.nextInt(3) == 0) {
                        life.add(new Repriced(id, leg, 1, 78));
                    }
                    if (closing) {
                        life.add(new Filled(id, leg, 78));
                    }
                }
            }
            if (closing) {
                life.add(new Closed(id, 1_764_043_270_000L));
            }
        }
        return life;
    }

    private void encode() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        write(out, new JournalFrames(64).header("testtest").flip());
        for (int i = 0; i < records.size(); i++) {
            long start = out.size();
            write(out, new JournalFrames(256).add(records.get(i), i).flip());
            frames.add(new long[] {start, out.size()});
        }
        bytes = out.toByteArray();
    }

    private static void write(java.io.ByteArrayOutputStream out, ByteBuffer buffer) {
        out.write(buffer.array(), buffer.position(), buffer.remaining());
    }

    /** Index of the record whose frame holds byte {@code offset}; -1 in the header. */
    int recordAt(long offset) {
        for (int i = 0; i < frames.size(); i++) {
            if (offset >= frames.get(i)[0] && offset < frames.get(i)[1]) {
                return i;
            }
        }
        return -1;
    }

    /** The state the fold gives these records, by id. */
    static Map<Long, PositionState> states(List<JournalRecord> records) {
        Map<Long, PositionState> states = new HashMap<>();
        JournalReplay.fold(records).forEach((id, image) -> states.put(id, image.state));
        return states;
    }
}
