package io.optionchain.engine.series;

import io.optionchain.engine.market.ExpiryDates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The day series of every chain on disk, {@code DATA/series/<day>/<UNDERLYING>_<expiry>.csv}: one append-only
 * file per chain per exchange day ({@link SeriesLine} has the layout), the last {@link #daysKept()} days kept.
 *
 * <p>Bounded: a chain's day holds at most {@value #MOST_POINTS_A_DAY} points, and ATM points at most
 * {@value #MOST_ATM_POINTS_A_DAY} of them, so a flapping ATM cannot push out the minute points (a day has 1,440
 * minutes). A point past either cap is dropped, and the first drop of each chain's day is logged. The cap is about
 * 340 KB a chain a day; a session's 375 minute points are about 60 KB.
 *
 * <p>One thread appends (the recorder's); any thread reads.
 */
public final class SeriesStore {
    public static final String DIRECTORY = "series";
    public static final int MOST_POINTS_A_DAY = 2_000;
    public static final int MOST_ATM_POINTS_A_DAY = MOST_POINTS_A_DAY - 1_440;
    private static final Logger LOG = LoggerFactory.getLogger(SeriesStore.class);

    private final Path root;
    private final int daysKept;
    /** Files of the day being written, by path; forgotten when the day changes. */
    private final Map<Path, DayFile> today = new HashMap<>();
    private LocalDate writingDay;

    private SeriesStore(Path root, int daysKept) {
        this.root = root;
        this.daysKept = daysKept;
    }

    /**
     * The series under {@code dataDirectory}, made if missing; nothing is deleted until {@link #prune}.
     *
     * @param daysKept exchange days kept, today's included: 1 or more
     */
    public static SeriesStore open(Path dataDirectory, int daysKept) {
        if (daysKept < 1) {
            throw new IllegalArgumentException("days kept must be at least 1, got " + daysKept);
        }
        Path root = dataDirectory.resolve(DIRECTORY);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
        return new SeriesStore(root, daysKept);
    }

    public Path directory() {
        return root;
    }

    /** Exchange days kept, today's included. */
    public int daysKept() {
        return daysKept;
    }

    /** Appends {@code point} to its chain's file for the exchange day of its time, unless a cap refuses it. */
    public synchronized AppendOutcome append(String underlying, LocalDate expiry, SeriesPoint point,
                                             PointReason reason) {
        LocalDate day = dayOf(point.time());
        if (!day.equals(writingDay)) {
            today.clear();
            writingDay = day;
        }
        DayFile file = today.computeIfAbsent(file(day, underlying, expiry), DayFile::new);
        try {
            AppendOutcome refusal = file.points() >= MOST_POINTS_A_DAY ? AppendOutcome.DAY_FULL
                    : reason == PointReason.ATM && file.atmPoints() >= MOST_ATM_POINTS_A_DAY
                    ? AppendOutcome.ATM_SHARE_FULL : null;
            if (refusal != null) {
                if (file.firstRefusal(refusal)) {
                    LOG.warn("{} {} series of {}: {}", underlying, ExpiryDates.format(expiry), day,
                            refusal == AppendOutcome.DAY_FULL
                                    ? MOST_POINTS_A_DAY + " points, the day's most; later points today are dropped"
                                    : MOST_ATM_POINTS_A_DAY + " ATM points, their most; later ATM moves today are"
                                    + " not recorded (minute points go on)");
                }
                return refusal;
            }
            Files.createDirectories(file.path().getParent());
            file.append(point, reason);
            return AppendOutcome.WRITTEN;
        } catch (IOException e) {
            LOG.warn("cannot write the {} {} series to {}: {}", underlying, ExpiryDates.format(expiry), file.path(),
                    e.toString());
            return AppendOutcome.FAILED;
        }
    }

    /**
     * The chain's points with times from {@code from} to {@code to}, both included, time ascending. A line torn by
     * a kill or damaged is skipped.
     *
     * @throws IllegalArgumentException when {@code from} is after {@code to}, or the two are further apart than
     *                                  the days kept
     */
    public List<SeriesPoint> read(String underlying, LocalDate expiry, Instant from, Instant to) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + exchangeTime(from) + " is after to " + exchangeTime(to));
        }
        LocalDate first = dayOf(from);
        LocalDate last = dayOf(to);
        long days = ChronoUnit.DAYS.between(first, last) + 1;
        if (days > daysKept) {
            throw new IllegalArgumentException("from " + first + " to " + last + " spans " + days
                    + " days; the series keep " + daysKept + " (option_chain.series_days)");
        }
        List<SeriesPoint> points = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            try {
                for (SeriesLine.Entry entry : DayFile.read(file(day, underlying, expiry))) {
                    Instant time = entry.point().time();
                    if (!time.isBefore(from) && !time.isAfter(to)) {
                        points.add(entry.point());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the " + underlying + " series of " + day, e);
            }
        }
        points.sort(Comparator.comparing(SeriesPoint::time)); // stable: file order where times tie
        return points;
    }

    /**
     * Deletes the days before the kept ones, counting back from {@code today}; what is not a day's directory is
     * left alone.
     *
     * @return the days deleted
     */
    public int prune(LocalDate today) {
        LocalDate oldestKept = today.minusDays(daysKept - 1L);
        List<Path> old = new ArrayList<>();
        try (DirectoryStream<Path> days = Files.newDirectoryStream(root)) {
            for (Path day : days) {
                LocalDate date = date(day.getFileName().toString());
                if (date != null && date.isBefore(oldestKept) && Files.isDirectory(day)) {
                    old.add(day);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list {} to delete old series: {}", root, e.toString());
            return 0;
        }
        int deleted = 0;
        for (Path day : old) {
            try (Stream<Path> files = Files.walk(day)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
                deleted++;
            } catch (IOException e) {
                LOG.warn("cannot delete the old series {}: {}", day, e.toString());
            }
        }
        if (deleted > 0) {
            LOG.info("deleted {} day(s) of series before {} ({} kept)", deleted, oldestKept, daysKept);
        }
        return deleted;
    }

    private Path file(LocalDate day, String underlying, LocalDate expiry) {
        return root.resolve(day.toString()).resolve(underlying + "_" + expiry + ".csv");
    }

    private static String exchangeTime(Instant time) {
        return time.atZone(ExpiryDates.EXCHANGE_ZONE).toOffsetDateTime().toString();
    }

    static LocalDate dayOf(Instant time) {
        return LocalDate.ofInstant(time, ExpiryDates.EXCHANGE_ZONE);
    }

    private static LocalDate date(String name) {
        try {
            return LocalDate.parse(name);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
