package io.optionchain.gateway.rest;

import io.optionchain.engine.hours.Holiday;
import io.optionchain.engine.hours.HolidaySource;
import io.optionchain.engine.hours.HolidayType;
import io.optionchain.engine.ports.ExchangeSession;
import io.optionchain.engine.ports.MarketCalendarSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The engine's {@link MarketCalendarSource} answered by OpenAlgo's {@code market/holidays} and
 * {@code market/timings}; blocking, for the scheduler's thread. Failures are the client's
 * {@link OpenAlgoException}, safe to log.
 *
 * <p>Only what touches our venues becomes a {@link Holiday}: a trading holiday that closes NSE or NFO, a
 * special session in which one of them opens, and every settlement holiday (trading runs on those; status
 * shows them). A holiday for MCX or currencies alone is not ours. A type this code does not know (a newer
 * server's) is left out and counted, never guessed at. A date listed twice keeps its first row.
 */
public final class OpenAlgoMarketCalendar implements MarketCalendarSource {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAlgoMarketCalendar.class);
    /** Where the chains trade: the index on NSE, its options on NFO. */
    private static final Set<String> OUR_EXCHANGES = Set.of("NSE", "NFO");

    private final Supplier<OpenAlgoRestClient> rest;
    private final AtomicLong unknownTypes = new AtomicLong();

    public OpenAlgoMarketCalendar(OpenAlgoRestClient rest) {
        this(() -> rest);
    }

    /** @param rest the client of the account to ask now: the one market data comes from, after a failover too */
    public OpenAlgoMarketCalendar(Supplier<OpenAlgoRestClient> rest) {
        this.rest = rest;
    }

    @Override
    public List<Holiday> holidays(int year) {
        Map<LocalDate, Holiday> byDate = new LinkedHashMap<>();
        Set<String> unknown = new TreeSet<>();
        for (MarketHoliday day : rest.get().marketHolidays(year)) {
            HolidayType type = HolidayType.fromWire(day.holidayType());
            if (type == null) {
                unknown.add(OpenAlgoEndpoint.excerpt(day.holidayType()));
                unknownTypes.incrementAndGet();
            } else if (concernsUs(type, day)) {
                byDate.putIfAbsent(day.date(),
                        new Holiday(day.date(), day.description(), type, HolidaySource.OPENALGO));
            }
        }
        if (!unknown.isEmpty()) {
            LOG.warn("OpenAlgo's {} holidays: left out rows of unknown holiday_type {}", year, unknown);
        }
        return List.copyOf(byDate.values());
    }

    @Override
    public List<ExchangeSession> timings(LocalDate date) {
        return rest.get().marketTimings(date);
    }

    /** Rows left out since the start because their {@code holiday_type} was none of OpenAlgo's three. */
    public long unknownTypes() {
        return unknownTypes.get();
    }

    private static boolean concernsUs(HolidayType type, MarketHoliday day) {
        return switch (type) {
            case TRADING_HOLIDAY -> day.closedExchanges().stream().anyMatch(OUR_EXCHANGES::contains);
            case SPECIAL_SESSION -> day.openExchanges().stream().map(ExchangeSession::exchange)
                    .anyMatch(OUR_EXCHANGES::contains);
            case SETTLEMENT_HOLIDAY -> true;
        };
    }
}
