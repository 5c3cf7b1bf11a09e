package io.optionchain.simulator.market;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated server's exchange calendar, as OpenAlgo's {@code market/holidays} and {@code market/timings}
 * give it ({@code database/market_calendar_db.py}): the holidays of a year, each naming the exchanges it
 * closes and those that still open (MCX's evening session), and the sessions each exchange holds on a date.
 * Known for 2026 only; any other year has no holidays, its weekdays all normal.
 */
public final class ExchangeCalendar {
    /** OpenAlgo's SUPPORTED_EXCHANGES, in its order: every normal day's timings list them so. */
    public static final List<String> EXCHANGES = List.of("NSE", "BSE", "NFO", "BFO", "MCX", "BCD", "CDS");

    /** OpenAlgo's {@code holiday_type} values. */
    public enum DayType { TRADING_HOLIDAY, SETTLEMENT_HOLIDAY, SPECIAL_SESSION }

    /** One exchange's session; start inclusive, end exclusive. */
    public record ExchangeWindow(String exchange, Instant start, Instant end) {
    }

    /** A date the calendar marks: what it is, which exchanges it closes, and which still open and when. */
    public record MarkedDay(LocalDate date, String description, DayType type, List<String> closedExchanges,
                            List<ExchangeWindow> openExchanges) {
        /** Nothing opens at all: every exchange closed, no window left. */
        boolean closesEverything() {
            return openExchanges.isEmpty() && closedExchanges.containsAll(EXCHANGES);
        }
    }

    private static final List<String> EQUITY_AND_CURRENCY = List.of("NSE", "BSE", "NFO", "BFO", "CDS", "BCD");
    private static final List<String> EQUITY_DERIVATIVE_VENUES = List.of("NSE", "BSE", "NFO", "BFO");
    private static final LocalTime EQUITY_OPEN = LocalTime.of(9, 15);
    private static final LocalTime EQUITY_CLOSE = LocalTime.of(15, 30);
    private static final LocalTime CURRENCY_OPEN = LocalTime.of(9, 0);
    private static final LocalTime CURRENCY_CLOSE = LocalTime.of(17, 0);
    private static final LocalTime COMMODITY_OPEN = LocalTime.of(9, 0);
    private static final LocalTime COMMODITY_CLOSE = LocalTime.of(23, 30);
    /** MCX's evening session on a day NSE is shut and MCX is not. */
    private static final LocalTime COMMODITY_EVENING_OPEN = LocalTime.of(17, 0);
    private static final LocalTime COMMODITY_EVENING_CLOSE = LocalTime.of(23, 55);

    /**
     * NSE's equity-derivatives trading holidays for 2026, from its circular of December 2025 (as republished),
     * and the two special sessions announced for the year. The four dates with {@code true} shut MCX too; on
     * the others MCX still holds its evening session.
     */
    private static final Map<LocalDate, MarkedDay> DAYS = new TreeMap<>();

    static {
        holiday("2026-01-15", "Municipal Corporation Election - Maharashtra", false);
        holiday("2026-01-26", "Republic Day", true);
        special("2026-02-01", "Union Budget", EQUITY_OPEN, EQUITY_CLOSE);
        holiday("2026-03-03", "Holi", false);
        holiday("2026-03-26", "Shri Ram Navami", false);
        holiday("2026-03-31", "Shri Mahavir Jayanti", false);
        holiday("2026-04-03", "Good Friday", true);
        holiday("2026-04-14", "Dr. Baba Saheb Ambedkar Jayanti", false);
        holiday("2026-05-01", "Maharashtra Day", false);
        holiday("2026-05-28", "Bakri Id", false);
        holiday("2026-06-26", "Muharram", false);
        holiday("2026-09-14", "Ganesh Chaturthi", false);
        holiday("2026-10-02", "Mahatma Gandhi Jayanti", true);
        holiday("2026-10-20", "Dussehra", false);
        special("2026-11-08", "Diwali Laxmi Pujan (Muhurat Trading)", LocalTime.of(18, 0), LocalTime.of(19, 0));
        holiday("2026-11-10", "Diwali-Balipratipada", false);
        holiday("2026-11-24", "Prakash Gurpurb Sri Guru Nanak Dev", false);
        holiday("2026-12-25", "Christmas", true);
    }

    private ExchangeCalendar() {
    }

    /** The year's marked days in date order; empty for a year not published (2027 comes mid-December). */
    public static List<MarkedDay> holidays(int year) {
        return DAYS.values().stream().filter(day -> day.date().getYear() == year).toList();
    }

    /**
     * The sessions held on {@code date}: a special session's windows only, even on a weekend (OpenAlgo's own
     * code looks at the weekend first and so would give nothing for a Sunday muhurat; the simulator serves
     * what the exchange holds); nothing on a weekend or a day that shuts everything; the windows that stay
     * open on a partial holiday; every exchange's normal hours otherwise.
     */
    public static List<ExchangeWindow> timings(LocalDate date) {
        MarkedDay day = DAYS.get(date);
        if (day != null && day.type() == DayType.SPECIAL_SESSION) {
            return day.openExchanges();
        }
        if (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return List.of();
        }
        if (day != null && day.type() == DayType.TRADING_HOLIDAY) {
            return day.closesEverything() ? List.of() : day.openExchanges();
        }
        List<ExchangeWindow> normal = new ArrayList<>(EXCHANGES.size());
        for (String exchange : EXCHANGES) {
            normal.add(switch (exchange) {
                case "MCX" -> window(exchange, date, COMMODITY_OPEN, COMMODITY_CLOSE);
                case "BCD", "CDS" -> window(exchange, date, CURRENCY_OPEN, CURRENCY_CLOSE);
                default -> window(exchange, date, EQUITY_OPEN, EQUITY_CLOSE);
            });
        }
        return List.copyOf(normal);
    }

    private static void holiday(String isoDate, String description, boolean shutsCommodities) {
        LocalDate date = LocalDate.parse(isoDate);
        List<String> closed = new ArrayList<>(EQUITY_AND_CURRENCY);
        List<ExchangeWindow> open = new ArrayList<>();
        if (shutsCommodities) {
            closed.add("MCX");
        } else {
            open.add(window("MCX", date, COMMODITY_EVENING_OPEN, COMMODITY_EVENING_CLOSE));
        }
        DAYS.put(date, new MarkedDay(date, description, DayType.TRADING_HOLIDAY, List.copyOf(closed),
                List.copyOf(open)));
    }

    private static void special(String isoDate, String description, LocalTime start, LocalTime end) {
        LocalDate date = LocalDate.parse(isoDate);
        List<ExchangeWindow> open = EQUITY_DERIVATIVE_VENUES.stream()
                .map(exchange -> window(exchange, date, start, end)).toList();
        DAYS.put(date, new MarkedDay(date, description, DayType.SPECIAL_SESSION, List.of(), open));
    }

    private static ExchangeWindow window(String exchange, LocalDate date, LocalTime start, LocalTime end) {
        return new ExchangeWindow(exchange, date.atTime(start).atZone(Expiries.EXCHANGE_ZONE).toInstant(),
                date.atTime(end).atZone(Expiries.EXCHANGE_ZONE).toInstant());
    }
}
