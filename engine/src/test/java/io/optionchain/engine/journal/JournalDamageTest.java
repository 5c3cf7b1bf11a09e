package io.optionchain.engine.journal;

import io.optionchain.engine.journal.JournalRecord.Cancelled;
import io.optionchain.engine.journal.JournalRecord.Closed;
import io.optionchain.engine.journal.JournalRecord.IdsReserved;
import io.optionchain.engine.journal.JournalRecord.NeedsReview;
import io.optionchain.engine.journal.JournalRecord.Opened;
import io.optionchain.engine.journal.JournalRecord.OrderSent;
import io.optionchain.engine.positions.PositionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A damaged journal (a flipped byte, a zeroed, duplicated or removed range, a torn tail) on real files: what
 * follows the damage is replayed, nothing that was closed, cancelled or exiting comes back OPEN, what the damage
 * may have hidden comes back NEEDS_REVIEW, the file as it was is kept, and ids never go backwards.
 */
class JournalDamageTest {
    @TempDir
    Path data;

    enum Damage { FLIP, ZEROED, DUPLICATED, TRUNCATED, TORN_TAIL }

    @Test
    void shouldReplayEveryRecordAfterAFlippedByteAndKeepClosedPositionsClosed() throws IOException {
        JournalLives lives = JournalLives.generate(new Random(7), 120);
        int hit = lives.records.size() / 2;
        byte[] damaged = lives.bytes.clone();
        damaged[(int) lives.frames.get(hit)[0] + 16 + 3] ^= 0x40;      // inside the record's payload
        Files.write(file(), damaged);

        List<JournalRecord> survivors = without(lives.records, Set.of(hit));
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.replayed().subList(0, survivors.size())).containsExactlyElementsOf(survivors);
            assertThat(journal.replayed().subList(survivors.size(), journal.replayed().size()))
                    .allMatch(r -> r instanceof NeedsReview || r instanceof IdsReserved);
            JournalHealth health = journal.health();
            assertThat(health.recordsSkipped()).isEqualTo(1);
            assertThat(health.ranges()).singleElement().satisfies(range -> {
                assertThat(range.offset()).isEqualTo(lives.frames.get(hit)[0]);
                assertThat(range.length()).isEqualTo(lives.frames.get(hit)[1] - lives.frames.get(hit)[0]);
                assertThat(range.tornTail()).isFalse();
            });
            assertThat(health.bytesSkipped()).isEqualTo(health.ranges().get(0).length());
            assertThat(health.keptAside()).isNotNull();
            assertThat(Files.readAllBytes(health.keptAside())).isEqualTo(damaged);
            assertThat(health.needsReview()).isNotEmpty().containsExactlyElementsOf(reviewOracle(lives, Set.of(hit)));
            assertStates(lives, survivors, journal.replayed(), health.needsReview());
        }
        Map<Long, PositionState> repaired = JournalLives.states(Journal.read(file()));
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {       // the repair was written: a clean journal now
            assertThat(journal.health().damaged()).isFalse();
            assertThat(JournalLives.states(journal.replayed())).isEqualTo(repaired);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Damage.class)
    void shouldResumeAfterTheDamageAndReviewWhatItMayHaveHidden(Damage kind) throws IOException {
        JournalLives lives = JournalLives.generate(new Random(kind.ordinal() + 11), 80);
        int n = lives.records.size();
        Set<Integer> hit = new HashSet<>();
        byte[] damaged = damage(kind, lives, hit);
        Files.write(file(), damaged);

        List<JournalRecord> survivors = without(lives.records, hit);
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            if (kind == Damage.DUPLICATED) {
                assertThat(journal.replayed()).containsSubsequence(survivors);
            } else {
                assertThat(journal.replayed().subList(0, survivors.size())).containsExactlyElementsOf(survivors);
            }
            JournalHealth health = journal.health();
            assertThat(Files.readAllBytes(health.keptAside())).isEqualTo(damaged);
            assertThat(health.recordsSkipped()).isPositive();
            if (kind == Damage.TORN_TAIL) {
                assertThat(health.ranges()).singleElement().satisfies(r -> assertThat(r.tornTail()).isTrue());
                assertThat(health.needsReview()).isEmpty();
                assertThat(journal.replayed()).containsExactlyElementsOf(lives.records.subList(0, n - 1));
            } else {
                assertThat(health.needsReview()).isNotEmpty().containsExactlyElementsOf(reviewOracle(lives, hit));
            }
            assertStates(lives, survivors, journal.replayed(), health.needsReview());
        }
    }

    @Test
    void shouldNumberNewPositionsAboveTheHighestIdEverSeenAfterDamage() throws IOException {
        JournalLives lives = JournalLives.generate(new Random(5), 40);
        int last = -1;
        for (int i = 0; i < lives.records.size(); i++) {
            if (lives.records.get(i) instanceof Opened o && o.positionId() == 39) {
                last = i;
            }
        }
        assertThat(last).isLessThan(lives.records.size() - 1);
        byte[] damaged = lives.bytes.clone();
        damaged[(int) lives.frames.get(last)[0] + 16 + 4] ^= 0x01;      // the OPENED of the highest id, 39
        Files.write(file(), damaged);
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.replayed()).noneMatch(r -> r instanceof Opened o && o.positionId() == 39);
            assertThat(journal.maxPositionId()).isGreaterThanOrEqualTo(39);
        }
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.maxPositionId()).isGreaterThanOrEqualTo(39);
        }
    }

    @Test
    void shouldKeepTheEpochAcrossRestartsAndStartANewOneWithANewFile(@TempDir Path other) throws IOException {
        String epoch;
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            epoch = journal.epoch();
            assertThat(epoch).matches("[a-z2-7]{8}");
            journal.append(new Cancelled(1, 2));
        }
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.epoch()).isEqualTo(epoch);
        }
        try (Journal journal = Journal.open(other, Clock.systemUTC())) {
            assertThat(journal.epoch()).matches("[a-z2-7]{8}").isNotEqualTo(epoch);
        }
        Files.write(file(), new byte[300]);                              // nothing readable left: moved aside
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.health().startedFresh()).isTrue();
            assertThat(journal.health().keptAside()).exists();
            assertThat(journal.epoch()).matches("[a-z2-7]{8}").isNotEqualTo(epoch);
        }
    }

    @Test
    void shouldReadAVersionOneJournalAndPersistAnEpochForIt() throws IOException {
        JournalLives lives = JournalLives.generate(new Random(3), 20);
        byte[] v1 = versionOne(lives.records);
        Files.write(file(), v1);
        String epoch;
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.replayed()).containsExactlyElementsOf(lives.records);
            assertThat(journal.health().damaged()).isFalse();
            epoch = journal.epoch();
            assertThat(epoch).matches("[a-z2-7]{8}");
        }
        assertThat(ByteBuffer.wrap(Files.readAllBytes(file())).getInt(4)).isEqualTo(JournalDescriptor.VERSION);
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.epoch()).isEqualTo(epoch);
            assertThat(journal.replayed()).containsExactlyElementsOf(lives.records);
        }
    }

    @Test
    void shouldResyncAVersionOneJournalPastACorruptRecord() throws IOException {
        JournalLives lives = JournalLives.generate(new Random(4), 30);
        byte[] v1 = versionOne(lives.records);
        int hit = lives.records.size() / 2;
        // version-1 frames are 16 bytes shorter per record, and the header 12
        long start = lives.frames.get(hit)[0] - 12 - 16L * hit;
        v1[(int) start + 8 + 5] ^= 0x10;
        Files.write(file(), v1);
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            List<JournalRecord> survivors = without(lives.records, Set.of(hit));
            assertThat(journal.replayed().subList(0, survivors.size())).containsExactlyElementsOf(survivors);
            assertThat(journal.health().needsReview()).containsExactlyElementsOf(reviewOracle(lives, Set.of(hit)));
        }
    }

    @Test
    void shouldKnowTheOrderIdsOfOlderJournalsInTheDirectory(@TempDir Path older) throws IOException {
        try (Journal journal = Journal.open(older, Clock.systemUTC())) {
            journal.append(new OrderSent(3, 0, "old-order-1", 80, false));
        }
        Files.copy(older.resolve(Journal.FILE_NAME), data.resolve(Journal.FILE_NAME + ".corrupt-1764043200000"));
        JournalLives lives = JournalLives.generate(new Random(9), 30);
        byte[] damaged = lives.bytes.clone();
        damaged[(int) lives.frames.get(lives.records.size() / 2)[0] + 20] ^= 0x01;
        Files.write(file(), damaged);
        Set<String> sent = lives.records.stream().filter(r -> r instanceof OrderSent)
                .map(r -> ((OrderSent) r).orderId()).collect(Collectors.toSet());
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            journal.append(new OrderSent(200, 0, "new-order-1", 80, false));
            assertThat(journal.knownOrderIds()).contains("old-order-1", "new-order-1")
                    .containsAll(Journal.read(file()).stream().filter(r -> r instanceof OrderSent)
                            .map(r -> ((OrderSent) r).orderId()).toList());
            assertThat(sent).isNotEmpty();
        }
    }

    /**
     * 2,000 seeded journals, each damaged once at random: bit flips, zeroed, duplicated or removed ranges, or a
     * crash that tears the last record. Replay never throws; no position whose last whole record left it
     * EXITING, CLOSED or CANCELLED comes back OPEN; ids never go backwards; a second open finds a clean journal
     * in the same states. Replay one run with -Djournal.damage.seed=N.
     */
    @Test
    void shouldNeverReopenAnEndedOrExitingPositionWhateverTheDamage() throws IOException {
        String only = System.getProperty("journal.damage.seed");
        int first = only == null ? 0 : Integer.parseInt(only);
        int end = only == null ? 2_000 : first + 1;
        List<String> failures = new ArrayList<>();
        int[] reviewed = new int[1];
        for (int seed = first; seed < end; seed++) {
            try {
                String failure = damagedRun(seed, data.resolve("run-" + seed), reviewed);
                if (failure != null) {
                    failures.add("seed " + seed + ": " + failure);
                }
            } catch (RuntimeException | AssertionError e) {
                failures.add("seed " + seed + ": " + e);
            }
        }
        assertThat(failures).isEmpty();
        if (only == null) {
            assertThat(reviewed[0]).as("runs that put some position in review").isGreaterThan(500);
        }
    }

    private static String damagedRun(int seed, Path dir, int[] reviewed) throws IOException {
        Random random = new Random(seed);
        JournalLives lives = JournalLives.generate(random, 1 + random.nextInt(25));
        byte[] bytes = lives.bytes.clone();
        List<JournalRecord> whole = lives.records;
        int n = bytes.length;
        int kind = random.nextInt(5);
        long lastStart = lives.frames.get(whole.size() - 1)[0];
        switch (kind) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    bytes[random.nextInt(n)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                int from = random.nextInt(n);
                Arrays.fill(bytes, from, Math.min(n, from + 1 + random.nextInt(200)), (byte) 0);
            }
            case 2 -> {                                   // a copy of earlier bytes inserted before the last frame
                int from = random.nextInt((int) lastStart);
                int length = 1 + random.nextInt(Math.min(300, n - from));
                int at = 8 + random.nextInt((int) lastStart - 7);
                bytes = splice(bytes, at, at, Arrays.copyOfRange(bytes, from, from + length));
            }
            case 3 -> {                                   // a range removed, ending before the last frame
                int to = 1 + random.nextInt((int) lastStart);
                int from = Math.max(0, to - 1 - random.nextInt(300));
                bytes = splice(bytes, from, to, new byte[0]);
            }
            default -> {                                  // a crash while the last record was written
                bytes = Arrays.copyOf(bytes, (int) (lastStart + 1 + random.nextInt((int) (n - lastStart - 1))));
                whole = whole.subList(0, whole.size() - 1);
            }
        }
        Files.createDirectories(dir);
        Files.write(dir.resolve(Journal.FILE_NAME), bytes);
        Map<Long, PositionState> before = JournalLives.states(whole);
        long highest = whole.stream().mapToLong(JournalRecord::positionId).max().orElse(-1);
        Map<Long, PositionState> after;
        try (Journal journal = Journal.open(dir, Clock.systemUTC())) {
            after = JournalLives.states(journal.replayed());
            if (journal.maxPositionId() < highest) {
                return "ids went back: highest " + highest + ", journal's " + journal.maxPositionId() + " (kind " + kind
                        + ")";
            }
            if (journal.health().damaged() && !Arrays.equals(Files.readAllBytes(journal.health().keptAside()), bytes)) {
                return "the copy kept aside is not the file as it was";
            }
            if (!journal.health().needsReview().isEmpty()) {
                reviewed[0]++;
            }
        }
        for (Map.Entry<Long, PositionState> entry : before.entrySet()) {
            if (entry.getValue() != PositionState.OPEN && after.get(entry.getKey()) == PositionState.OPEN) {
                return "position " + entry.getKey() + " was " + entry.getValue() + ", came back OPEN (kind " + kind
                        + ")";
            }
        }
        try (Journal journal = Journal.open(dir, Clock.systemUTC())) {
            if (journal.health().damaged() || !JournalLives.states(journal.replayed()).equals(after)) {
                return "the repaired journal does not reopen clean in the same states";
            }
        }
        return null;
    }

    private byte[] damage(Damage kind, JournalLives lives, Set<Integer> hit) {
        int n = lives.records.size();
        List<long[]> f = lives.frames;
        int mid = n / 2;
        switch (kind) {
            case FLIP -> {
                byte[] bytes = lives.bytes.clone();
                bytes[(int) f.get(mid)[0] + 16 + 2] ^= 0x08;
                hit.add(mid);
                return bytes;
            }
            case ZEROED -> {
                byte[] bytes = lives.bytes.clone();
                int from = (int) f.get(mid)[0] + 5;
                int to = (int) f.get(mid + 3)[0] + 20;
                Arrays.fill(bytes, from, to, (byte) 0);
                IntStream.rangeClosed(mid, mid + 3).forEach(hit::add);
                return bytes;
            }
            case DUPLICATED -> {
                int k = n / 4;
                byte[] copy = Arrays.copyOfRange(lives.bytes, (int) f.get(k)[0] + 7, (int) f.get(k + 4)[0] + 9);
                int at = (int) f.get(mid)[0] + 20;
                hit.add(mid);
                return splice(lives.bytes, at, at, copy);
            }
            case TRUNCATED -> {
                IntStream.rangeClosed(mid, mid + 5).forEach(hit::add);
                return splice(lives.bytes, (int) f.get(mid)[0] + 30, (int) f.get(mid + 5)[0] + 11, new byte[0]);
            }
            default -> {
                long[] last = f.get(n - 1);
                hit.add(n - 1);
                return Arrays.copyOf(lives.bytes, (int) ((last[0] + last[1]) / 2));
            }
        }
    }

    /**
     * Independent of the journal's own rule: the positions whose OPENED came at or before the last damaged record,
     * that some surviving record still names, and that no surviving CLOSED or CANCELLED ended.
     */
    private static List<Long> reviewOracle(JournalLives lives, Set<Integer> hit) {
        int last = hit.stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<JournalRecord> survivors = without(lives.records, hit);
        Set<Long> named = survivors.stream().map(JournalRecord::positionId).collect(Collectors.toSet());
        Set<Long> ended = survivors.stream().filter(r -> r instanceof Closed || r instanceof Cancelled)
                .map(JournalRecord::positionId).collect(Collectors.toSet());
        Set<Long> review = new TreeSet<>();
        for (int i = 0; i <= last; i++) {
            if (lives.records.get(i) instanceof Opened o && named.contains(o.positionId())
                    && !ended.contains(o.positionId())) {
                review.add(o.positionId());
            }
        }
        return new ArrayList<>(review);
    }

    /** Reviewed ones are NEEDS_REVIEW; the rest replay as the surviving records say; none meant to end is OPEN. */
    private static void assertStates(JournalLives lives, List<JournalRecord> survivors, List<JournalRecord> replayed,
                                     List<Long> review) {
        Map<Long, PositionState> expected = JournalLives.states(survivors);
        Map<Long, PositionState> actual = JournalLives.states(replayed);
        for (Long id : review) {
            assertThat(actual.get(id)).as("position %d", id).isEqualTo(PositionState.NEEDS_REVIEW);
        }
        expected.forEach((id, state) -> {
            if (!review.contains(id)) {
                assertThat(actual.get(id)).as("position %d", id).isEqualTo(state);
            }
        });
        lives.intent.forEach((id, meant) -> {
            if (meant != PositionState.OPEN && actual.containsKey(id)) {
                assertThat(actual.get(id)).as("position %d meant %s", id, meant).isNotEqualTo(PositionState.OPEN);
            }
        });
        assertThat(actual.values()).contains(PositionState.CLOSED);
    }

    private static List<JournalRecord> without(List<JournalRecord> records, Set<Integer> indices) {
        List<JournalRecord> kept = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (!indices.contains(i)) {
                kept.add(records.get(i));
            }
        }
        return kept;
    }

    private static byte[] splice(byte[] bytes, int from, int to, byte[] insert) {
        byte[] out = new byte[bytes.length - (to - from) + insert.length];
        System.arraycopy(bytes, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(bytes, to, out, from + insert.length, bytes.length - to);
        return out;
    }

    /** The same records as a version-1 file: 8-byte header, frames of length, CRC of type + payload, body. */
    private static byte[] versionOne(List<JournalRecord> records) {
        ByteBuffer out = ByteBuffer.allocate(256 * 1024).putInt(JournalDescriptor.MAGIC).putInt(1);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        for (JournalRecord record : records) {
            int start = out.position();
            out.position(start + 8);
            JournalCodec.encode(record, out);
            int length = out.position() - start - 8;
            crc.reset();
            crc.update(out.array(), start + 8, length);
            out.putInt(start, length).putInt(start + 4, (int) crc.getValue());
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    private Path file() {
        return data.resolve(Journal.FILE_NAME);
    }
}
