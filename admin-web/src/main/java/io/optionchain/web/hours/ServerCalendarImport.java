package io.optionchain.web.hours;

import io.optionchain.engine.hours.Holiday;
import io.optionchain.engine.hours.HolidayType;
import io.optionchain.engine.hours.SessionWindow;
import io.optionchain.engine.hours.SpecialSession;
import io.optionchain.engine.ports.ExchangeSession;
import io.optionchain.engine.ports.MarketCalendarSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Brings OpenAlgo's own calendar into the active one: this year's and next year's holidays, and for each special
 * session the window the server's timings give the derivatives segment. The server wins for the dates it knows;
 * nothing it says is written to the template files, so a wrong import is undone by the next one. Runs once the
 * account answers and then every few hours, on its own thread; a failure keeps what was there and is logged once.
 */
public final class ServerCalendarImport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerCalendarImport.class);
    /** The segment whose hours this product follows; NSE's cash market has the same windows. */
    private static final List<String> SEGMENTS = List.of("NFO", "NSE");
    private static final long REFRESH_HOURS = 6;

    private final MarketCalendarSource server;
    private final TradingHoursStore store;
    private final Clock clock;
    private ScheduledExecutorService thread;
    private String lastProblem;

    public ServerCalendarImport(MarketCalendarSource server, TradingHoursStore store, Clock clock) {
        this.server = server;
        this.store = store;
        this.clock = clock;
    }

    /** Imports at once and every six hours after, until closed. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "calendar-import");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::importSafely, 0, REFRESH_HOURS, TimeUnit.HOURS);
    }

    /** One import; returns how many dates the server knew. */
    public int importNow() {
        ZoneId zone = store.active().zone();
        int year = LocalDate.now(clock.withZone(zone)).getYear();
        List<Holiday> holidays = new ArrayList<>();
        List<SpecialSession> specials = new ArrayList<>();
        for (int y = year; y <= year + 1; y++) {
            for (Holiday holiday : server.holidays(y)) {
                holidays.add(holiday);
                if (holiday.type() == HolidayType.SPECIAL_SESSION) {
                    window(holiday.date(), zone).ifPresent(window ->
                            specials.add(new SpecialSession(holiday.date(), holiday.description(), window)));
                }
            }
        }
        store.serverCalendar(holidays, specials);
        return holidays.size();
    }

    private Optional<SessionWindow> window(LocalDate date, ZoneId zone) {
        List<ExchangeSession> sessions = server.timings(date);
        for (String segment : SEGMENTS) {
            for (ExchangeSession session : sessions) {
                if (segment.equals(session.exchange())) {
                    LocalTime start = session.start().atZone(zone).toLocalTime();
                    LocalTime end = session.end().atZone(zone).toLocalTime();
                    return Optional.of(new SessionWindow(start, end));
                }
            }
        }
        return Optional.empty();
    }

    private void importSafely() {
        try {
            int dates = importNow();
            if (lastProblem != null || dates > 0) {
                LOG.info("imported {} holiday and special-session dates from OpenAlgo's calendar", dates);
            }
            lastProblem = null;
        } catch (RuntimeException e) {
            String problem = String.valueOf(e.getMessage());
            if (!problem.equals(lastProblem)) {
                LOG.warn("could not import OpenAlgo's calendar, keeping the template's holidays: {}", problem);
            }
            lastProblem = problem;
        }
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }
}
