package io.optionchain.engine.series;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;

import static io.optionchain.engine.series.TradingDay.EXPIRY;
import static io.optionchain.engine.series.TradingDay.INDIA;
import static io.optionchain.engine.series.TradingDay.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recorder on a clock the test moves, over a chain fed by hand and a store on disk: a point each minute the
 * market ticked, one each time ATM moves, the ATM points' cap, the days kept, and a day that survives a restart.
 */
class SeriesRecorderTest {
    @TempDir
    Path data;

    @Test
    void shouldRecordOnePointEachMinuteTheUnderlyingTickedTakenFromOneSnapshot() {
        try (TradingDay day = new TradingDay(data, LocalTime.of(10, 14, 30))) {
            SeriesStore store = SeriesStore.open(data, 10);
            SeriesRecorder recorder = new SeriesRecorder(day.book, store, day.clock);
            recorder.step();
            day.quoteAround(24_500);

            day.at(LocalTime.of(10, 15, 0, 137_000_000));
            recorder.step();
            SeriesPoint first = day.pointNow();
            day.at(LocalTime.of(10, 15, 40));
            day.quote("NIFTY08DEC2624500CE", 121, 122, 11_000, 50_650);
            recorder.step();
            day.at(LocalTime.of(10, 16, 0, 50_000_000));
            recorder.step();
            SeriesPoint second = day.pointNow();
            day.at(LocalTime.of(10, 17, 0, 20_000_000));
            recorder.step(); // no tick since 10:16: a closed market records nothing

            List<SeriesPoint> points = store.read("NIFTY", EXPIRY, start(MONDAY), day.now());
            assertThat(points).containsExactly(first, second);
            assertThat(first.time()).isEqualTo(ZonedDateTime.of(MONDAY, LocalTime.of(10, 15, 0, 137_000_000), INDIA)
                    .toInstant());
            assertThat(first.atm()).isEqualTo(24_500);
            assertThat(first.index()).isEqualTo(24_510);
            assertThat(first.straddle()).as("120 + 117.5").isEqualTo(237.5);
            assertThat(first.syntheticFuture()).as("24,500 + 120 − 117.5").isEqualTo(24_502.5);
            assertThat(first.atmIv()).isNotNull();
            assertThat(first.pcr()).as("(60,000 + 80,000) / (50,000 + 90,000)").isEqualTo(1.0);
            assertThat(first.pcrVolume()).isNotNull();
            assertThat(first.maxPain()).isNotNull();
            assertThat(first.totalOiChange()).isZero();
            assertThat(second.totalOiChange()).as("the ATM call's OI rose 650").isEqualTo(650);
            assertThat(second.straddle()).as("121.5 + 117.5").isEqualTo(239.0);
            assertThat(recorder.recorded()).isEqualTo(2);
        }
    }

    @Test
    void shouldKeepUnknownValuesUnknown() {
        try (TradingDay day = new TradingDay(data, LocalTime.of(9, 15, 10))) {
            SeriesStore store = SeriesStore.open(data, 10);
            SeriesRecorder recorder = new SeriesRecorder(day.book, store, day.clock);
            recorder.step();
            day.index(24_512);   // no option quoted yet
            day.at(LocalTime.of(9, 16));
            recorder.step();

            SeriesPoint point = store.read("NIFTY", EXPIRY, start(MONDAY), day.now()).get(0);
            assertThat(point.index()).isEqualTo(24_512);
            assertThat(point.atm()).isEqualTo(24_500);
            assertThat(point.atmIv()).isNull();
            assertThat(point.straddle()).isNull();
            assertThat(point.syntheticFuture()).isNull();
            assertThat(point.pcr()).isNull();
            assertThat(point.pcrVolume()).isNull();
            assertThat(point.totalOiChange()).isNull();
        }
    }

    @Test
    void shouldRecordAPointWhenAtmMovesAndOneForSeveralMovesWithinAPoll() {
        try (TradingDay day = new TradingDay(data, LocalTime.of(11, 0, 5))) {
            SeriesStore store = SeriesStore.open(data, 10);
            SeriesRecorder recorder = new SeriesRecorder(day.book, store, day.clock);
            recorder.step();
            day.quoteAround(24_550);

            day.at(LocalTime.of(11, 0, 6));
            day.index(24_560);                  // ATM 24,500 → 24,550
            recorder.step();
            SeriesPoint moved = day.pointNow();
            day.at(LocalTime.of(11, 0, 7));
            recorder.step();                    // nothing new
            day.index(24_530);                  // 24,550 → 24,500 ...
            day.index(24_580);                  // ... → 24,600, within one poll
            recorder.step();
            SeriesPoint movedTwice = day.pointNow();

            List<SeriesPoint> points = store.read("NIFTY", EXPIRY, start(MONDAY), day.now());
            assertThat(points).containsExactly(moved, movedTwice);
            assertThat(points).extracting(SeriesPoint::atm).containsExactly(24_550.0, 24_600.0);
            assertThat(moved.straddle()).as("the new ATM's legs").isEqualTo(237.5);
        }
    }

    @Test
    void shouldStopRecordingAFlappingAtmAtItsShareAndKeepRecordingMinutes() throws IOException {
        try (TradingDay day = new TradingDay(data, LocalTime.of(12, 0, 1))) {
            SeriesStore store = SeriesStore.open(data, 10);
            SeriesRecorder recorder = new SeriesRecorder(day.book, store, day.clock);
            recorder.step();
            for (int i = 0; i < SeriesStore.MOST_ATM_POINTS_A_DAY + 40; i++) {
                day.index(i % 2 == 0 ? 24_530 : 24_520);  // across the 24,525 half-step, every poll
                recorder.step();
            }
            assertThat(recorder.recorded()).isEqualTo(SeriesStore.MOST_ATM_POINTS_A_DAY);
            assertThat(recorder.dropped()).isEqualTo(40);

            day.at(LocalTime.of(12, 1));
            recorder.step();

            List<SeriesPoint> points = store.read("NIFTY", EXPIRY, start(MONDAY), day.now());
            assertThat(points).hasSize(SeriesStore.MOST_ATM_POINTS_A_DAY + 1);
            assertThat(points.get(points.size() - 1).time()).as("the minute point still fits")
                    .isEqualTo(day.now());
            assertThat(Files.readAllLines(dayFile(MONDAY))).hasSize(1 + SeriesStore.MOST_ATM_POINTS_A_DAY + 1);
        }
    }

    @Test
    void shouldKeepTheConfiguredDaysAndDeleteOlderOnesAtStartAndAtMidnight() throws IOException {
        SeriesStore store = SeriesStore.open(data, 3);
        for (int back : new int[] {5, 3, 2, 1}) {
            Instant noon = ZonedDateTime.of(MONDAY.minusDays(back), LocalTime.NOON, INDIA).toInstant();
            store.append("NIFTY", EXPIRY, point(noon, 24_500), PointReason.MINUTE);
        }
        Path notADay = Files.writeString(store.directory().resolve("README.txt"), "kept: not a day");

        try (TradingDay day = new TradingDay(data, LocalTime.of(23, 59, 59))) {
            SeriesRecorder recorder = new SeriesRecorder(day.book, store, day.clock);
            recorder.step();
            assertThat(days()).as("Monday and the two days before").containsExactly(MONDAY.minusDays(2).toString(),
                    MONDAY.minusDays(1).toString());
            day.clock.advance(2_000);   // Tuesday
            recorder.step();
            assertThat(days()).containsExactly(MONDAY.minusDays(1).toString());
            assertThat(store.read("NIFTY", EXPIRY, start(MONDAY.minusDays(1)), day.now()))
                    .extracting(SeriesPoint::time)
                    .containsExactly(ZonedDateTime.of(MONDAY.minusDays(1), LocalTime.NOON, INDIA).toInstant());
        }
        assertThat(notADay).exists();
    }

    @Test
    void shouldKeepTheDayAcrossARestartAndGoOnAppendingToIt() {
        List<SeriesPoint> before;
        try (TradingDay day = new TradingDay(data, LocalTime.of(13, 0, 1))) {
            SeriesRecorder recorder = new SeriesRecorder(day.book, SeriesStore.open(data, 10), day.clock);
            recorder.step();
            day.quoteAround(24_500);
            day.at(LocalTime.of(13, 1));
            recorder.step();
            day.index(24_580);
            recorder.step();
            before = SeriesStore.open(data, 10).read("NIFTY", EXPIRY, start(MONDAY), day.now());
            assertThat(before).hasSize(2);
        }
        try (TradingDay day = new TradingDay(data, LocalTime.of(13, 5, 30))) {
            SeriesStore store = SeriesStore.open(data, 10);
            SeriesRecorder recorder = new SeriesRecorder(day.book, store, day.clock);
            recorder.step();
            assertThat(store.read("NIFTY", EXPIRY, start(MONDAY), day.now())).isEqualTo(before);
            day.index(24_520);
            day.at(LocalTime.of(13, 6));
            recorder.step();

            List<SeriesPoint> after = store.read("NIFTY", EXPIRY, start(MONDAY), day.now());
            assertThat(after).hasSize(3).startsWith(before.toArray(SeriesPoint[]::new));
            assertThat(after.get(2).time()).isEqualTo(day.now());
        }
    }

    private List<String> days() throws IOException {
        try (var list = Files.list(data.resolve(SeriesStore.DIRECTORY))) {
            return list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Path dayFile(LocalDate day) {
        return data.resolve(SeriesStore.DIRECTORY).resolve(day.toString()).resolve("NIFTY_" + EXPIRY + ".csv");
    }

    static Instant start(LocalDate day) {
        return day.atStartOfDay(INDIA).toInstant();
    }

    static SeriesPoint point(Instant time, double atm) {
        return new SeriesPoint(time, atm + 12.5, atm, 0.1432, 237.5, atm + 2.5, 0.93, 1.07, atm, -1_250L);
    }
}
