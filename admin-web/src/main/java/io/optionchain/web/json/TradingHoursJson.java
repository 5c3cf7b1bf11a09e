package io.optionchain.web.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.optionchain.engine.hours.DaySessions;
import io.optionchain.engine.hours.Holiday;
import io.optionchain.engine.hours.MarketSession;
import io.optionchain.engine.hours.SessionPeriod;
import io.optionchain.engine.hours.SessionWindow;
import io.optionchain.engine.hours.SpecialSession;
import io.optionchain.engine.hours.TradingCalendar;
import io.optionchain.engine.hours.TradingTemplate;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trading hours as {@code GET /api/trading-hours} shows them, and a template as its file holds it (the same shape
 * as one element of {@code templates}). Times of a day are "HH:MM" in the template's zone, a session ending at
 * midnight "24:00"; instants are ISO-8601 with the template's offset.
 */
public final class TradingHoursJson {
    private static final ObjectMapper FILE = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TradingHoursJson() {
    }

    /**
     * The whole picture: the active template, the server's time now, the session now, today's plan, every
     * template, and the active calendar's holidays (the server's merged in).
     */
    public static Map<String, Object> hours(TradingCalendar active, List<TradingTemplate> templates, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        MarketSession session = active.sessionAt(now);
        json.put("active", active.template().name());
        json.put("timezone", active.zone().getId());
        // the server's clock (a --clock one too), in the exchange's zone: a page marks today by it, not its own
        json.put("now", instant(now.truncatedTo(ChronoUnit.SECONDS).atZone(active.zone())));
        json.put("session", session.wireName());
        json.put("market_open", session.marketOpen());
        json.put("next_open", active.nextOpen(now).map(TradingHoursJson::instant).orElse(null));
        List<Map<String, Object>> today = new ArrayList<>();
        for (SessionPeriod period : active.day(active.date(now))) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("session", period.session().wireName());
            item.put("start", time(period.start().toLocalTime()));
            item.put("end", period.end().toLocalDate().isAfter(period.start().toLocalDate()) ? "24:00"
                    : time(period.end().toLocalTime()));
            today.add(item);
        }
        json.put("today", today);
        json.put("templates", templates.stream().map(TradingHoursJson::template).toList());
        json.put("holidays", active.template().holidays().stream().map(TradingHoursJson::holiday).toList());
        return json;
    }

    /**
     * What {@code POST /api/trading-hours/apply} answers: the template now active, the session now, and the next
     * period to start (null when none starts within two years, as on a market that never closes).
     */
    public static Map<String, Object> applied(TradingCalendar active, Instant now, SessionPeriod next) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", "success");
        json.put("active", active.template().name());
        MarketSession session = active.sessionAt(now);
        json.put("session", session.wireName());
        json.put("market_open", session.marketOpen());
        Map<String, Object> nextSession = null;
        if (next != null) {
            nextSession = new LinkedHashMap<>();
            nextSession.put("session", next.session().wireName());
            nextSession.put("start", instant(next.start()));
            nextSession.put("end", instant(next.end()));
        }
        json.put("next_session", nextSession);
        return json;
    }

    /** One template in its file's shape; every weekday named, null where it does not trade. */
    public static Map<String, Object> template(TradingTemplate template) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", template.name());
        json.put("timezone", template.zone().getId());
        if (template.exchange() != null) {
            json.put("exchange", template.exchange());
        }
        Map<String, Object> weekdays = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            DaySessions sessions = template.weekdays().get(day);
            String key = day.getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT);
            if (sessions == null) {
                weekdays.put(key, null);
                continue;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            if (sessions.preOpen() != null) {
                item.put("pre_open", window(sessions.preOpen()));
            }
            item.put("normal", window(sessions.normal()));
            if (sessions.postClose() != null) {
                item.put("post_close", window(sessions.postClose()));
            }
            weekdays.put(key, item);
        }
        json.put("weekdays", weekdays);
        json.put("holidays", template.holidays().stream().map(TradingHoursJson::holiday).toList());
        List<Map<String, Object>> specials = new ArrayList<>();
        for (SpecialSession special : template.specialSessions()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("date", special.date().toString());
            item.put("description", special.description());
            item.put("normal", window(special.normal()));
            specials.add(item);
        }
        json.put("special_sessions", specials);
        return json;
    }

    public static Map<String, Object> holiday(Holiday holiday) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", holiday.date().toString());
        json.put("description", holiday.description());
        json.put("type", holiday.type().wireName());
        json.put("source", holiday.source().wireName());
        return json;
    }

    /** A template's file: {@link #template} indented, for people who edit it by hand afterwards. */
    public static String file(TradingTemplate template) {
        try {
            return FILE.writeValueAsString(template(template)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings always serialise", e);
        }
    }

    private static List<String> window(SessionWindow window) {
        return List.of(time(window.start()), window.endsAtMidnight() ? "24:00" : time(window.end()));
    }

    private static String time(LocalTime time) {
        return time.format(DateTimeFormatter.ofPattern("HH:mm"));
    }

    private static String instant(ZonedDateTime at) {
        return at.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
