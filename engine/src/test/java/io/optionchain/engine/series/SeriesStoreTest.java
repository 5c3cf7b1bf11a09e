package io.optionchain.engine.series;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static io.optionchain.engine.series.SeriesRecorderTest.point;
import static io.optionchain.engine.series.SeriesRecorderTest.start;
import static io.optionchain.engine.series.TradingDay.EXPIRY;
import static io.optionchain.engine.series.TradingDay.INDIA;
import static io.optionchain.engine.series.TradingDay.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The series files themselves: the day's cap, points that read back bit for bit (nulls included), a line torn by
 * a kill skipped and cut off before the next append, the caps counted again after a restart, and the ranges a
 * reader may ask for.
 */
class SeriesStoreTest {
    private static final Instant NINE_FIFTEEN = ZonedDateTime.of(MONDAY, LocalTime.of(9, 15), INDIA).toInstant();

    @TempDir
    Path data;

    @Test
    void shouldHoldAtMostTwoThousandPointsAChainADay() {
        SeriesStore store = SeriesStore.open(data, 10);
        List<AppendOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i <= SeriesStore.MOST_POINTS_A_DAY; i++) {
            outcomes.add(store.append("NIFTY", EXPIRY, point(NINE_FIFTEEN.plusSeconds(i), 24_500),
                    PointReason.MINUTE));
        }

        assertThat(outcomes.subList(0, SeriesStore.MOST_POINTS_A_DAY)).containsOnly(AppendOutcome.WRITTEN);
        assertThat(outcomes.get(SeriesStore.MOST_POINTS_A_DAY)).isEqualTo(AppendOutcome.DAY_FULL);
        assertThat(store.read("NIFTY", EXPIRY, start(MONDAY), start(MONDAY.plusDays(1))))
                .hasSize(SeriesStore.MOST_POINTS_A_DAY);
        assertThat(store.append("NIFTY", EXPIRY.plusDays(7), point(NINE_FIFTEEN, 24_500), PointReason.MINUTE))
                .as("another chain's day is its own").isEqualTo(AppendOutcome.WRITTEN);
        assertThat(store.append("NIFTY", EXPIRY, point(NINE_FIFTEEN.plusSeconds(86_400), 24_500),
                PointReason.MINUTE)).as("so is the next day").isEqualTo(AppendOutcome.WRITTEN);
    }

    @Test
    void shouldReadEveryValueBackAsWrittenAndNullsAsNulls() {
        SeriesStore store = SeriesStore.open(data, 10);
        SeriesPoint full = new SeriesPoint(NINE_FIFTEEN.plusMillis(137), 24_512.35, 24_500, 0.1432087716385903,
                237.5, 24_502.5, 0.9345794392523364, 1.0714285714285714, 24_450.0, -1_250L);
        SeriesPoint unknowns = new SeriesPoint(NINE_FIFTEEN.plusSeconds(60), null, 24_500, null, null, null, null,
                null, null, null);
        store.append("NIFTY", EXPIRY, full, PointReason.MINUTE);
        store.append("NIFTY", EXPIRY, unknowns, PointReason.ATM);

        assertThat(SeriesStore.open(data, 10).read("NIFTY", EXPIRY, start(MONDAY), NINE_FIFTEEN.plusSeconds(60)))
                .containsExactly(full, unknowns);
    }

    @Test
    void shouldSkipALineTornByAKillAndCutItOffBeforeTheNextPoint() throws IOException {
        SeriesStore store = SeriesStore.open(data, 10);
        SeriesPoint first = point(NINE_FIFTEEN, 24_500);
        SeriesPoint second = point(NINE_FIFTEEN.plusSeconds(60), 24_550);
        store.append("NIFTY", EXPIRY, first, PointReason.MINUTE);
        store.append("NIFTY", EXPIRY, second, PointReason.MINUTE);
        Path file = data.resolve("series").resolve(MONDAY.toString()).resolve("NIFTY_" + EXPIRY + ".csv");
        String whole = SeriesLine.encode(point(NINE_FIFTEEN.plusSeconds(120), 24_600), PointReason.MINUTE);
        // killed mid-write: a valid-looking prefix, cut inside a number
        Files.writeString(file, whole.substring(0, whole.length() - 9), StandardOpenOption.APPEND);

        SeriesStore restarted = SeriesStore.open(data, 10);
        assertThat(restarted.read("NIFTY", EXPIRY, start(MONDAY), NINE_FIFTEEN.plusSeconds(600)))
                .containsExactly(first, second);

        SeriesPoint third = point(NINE_FIFTEEN.plusSeconds(180), 24_650);
        assertThat(restarted.append("NIFTY", EXPIRY, third, PointReason.MINUTE)).isEqualTo(AppendOutcome.WRITTEN);
        assertThat(restarted.read("NIFTY", EXPIRY, start(MONDAY), NINE_FIFTEEN.plusSeconds(600)))
                .containsExactly(first, second, third);
        assertThat(Files.readAllLines(file)).hasSize(4).last().isEqualTo(SeriesLine.encode(third,
                PointReason.MINUTE).strip());
    }

    @Test
    void shouldSkipADamagedLineAndReadThoseAfterIt() throws IOException {
        SeriesStore store = SeriesStore.open(data, 10);
        store.append("NIFTY", EXPIRY, point(NINE_FIFTEEN, 24_500), PointReason.MINUTE);
        Path file = data.resolve("series").resolve(MONDAY.toString()).resolve("NIFTY_" + EXPIRY + ".csv");
        Files.writeString(file, "2026-12-07T09:16:00+05:30,minute,not a number,24500.0,,,,,,,\n",
                StandardOpenOption.APPEND);
        SeriesStore restarted = SeriesStore.open(data, 10);
        restarted.append("NIFTY", EXPIRY, point(NINE_FIFTEEN.plusSeconds(120), 24_550), PointReason.MINUTE);

        assertThat(restarted.read("NIFTY", EXPIRY, start(MONDAY), NINE_FIFTEEN.plusSeconds(600)))
                .extracting(SeriesPoint::atm).containsExactly(24_500.0, 24_550.0);
    }

    @Test
    void shouldCountTheDaysAtmPointsAgainAfterARestart() {
        SeriesStore store = SeriesStore.open(data, 10);
        for (int i = 0; i < SeriesStore.MOST_ATM_POINTS_A_DAY; i++) {
            store.append("NIFTY", EXPIRY, point(NINE_FIFTEEN.plusSeconds(i), 24_500), PointReason.ATM);
        }
        SeriesStore restarted = SeriesStore.open(data, 10);

        assertThat(restarted.append("NIFTY", EXPIRY, point(NINE_FIFTEEN.plusSeconds(900), 24_550), PointReason.ATM))
                .isEqualTo(AppendOutcome.ATM_SHARE_FULL);
        assertThat(restarted.append("NIFTY", EXPIRY, point(NINE_FIFTEEN.plusSeconds(960), 24_550),
                PointReason.MINUTE)).isEqualTo(AppendOutcome.WRITTEN);
    }

    @Test
    void shouldReadPointsWithinTheRangeAcrossDaysTimeAscending() {
        SeriesStore store = SeriesStore.open(data, 3);
        Instant sunday = NINE_FIFTEEN.minusSeconds(86_400);
        store.append("NIFTY", EXPIRY, point(sunday, 24_400), PointReason.MINUTE);
        store.append("NIFTY", EXPIRY, point(NINE_FIFTEEN.plusSeconds(120), 24_550), PointReason.MINUTE);
        store.append("NIFTY", EXPIRY, point(NINE_FIFTEEN, 24_500), PointReason.ATM); // a clock set back

        assertThat(store.read("NIFTY", EXPIRY, sunday, NINE_FIFTEEN.plusSeconds(120))).extracting(SeriesPoint::atm)
                .containsExactly(24_400.0, 24_500.0, 24_550.0);
        assertThat(store.read("NIFTY", EXPIRY, NINE_FIFTEEN, NINE_FIFTEEN.plusSeconds(119)))
                .extracting(SeriesPoint::atm).containsExactly(24_500.0);
        assertThat(store.read("BANKNIFTY", EXPIRY, sunday, NINE_FIFTEEN)).isEmpty();
    }

    @Test
    void shouldRefuseARangeBackwardsOrLongerThanTheDaysKept() {
        SeriesStore store = SeriesStore.open(data, 3);

        assertThatThrownBy(() -> store.read("NIFTY", EXPIRY, NINE_FIFTEEN, NINE_FIFTEEN.minusMillis(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("from 2026-12-07T09:15+05:30 is after to 2026-12-07T09:14:59.999+05:30");
        assertThatThrownBy(() -> store.read("NIFTY", EXPIRY, start(MONDAY.minusDays(3)), NINE_FIFTEEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("from 2026-12-04 to 2026-12-07 spans 4 days; the series keep 3 (option_chain.series_days)");
        assertThat(store.read("NIFTY", EXPIRY, start(MONDAY.minusDays(2)), NINE_FIFTEEN)).isEmpty();
    }
}
