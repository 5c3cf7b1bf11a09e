package io.optionchain.web.hours;

import com.fasterxml.jackson.databind.JsonNode;
import io.optionchain.engine.hours.DaySessions;
import io.optionchain.engine.hours.Holiday;
import io.optionchain.engine.hours.HolidaySource;
import io.optionchain.engine.hours.HolidayType;
import io.optionchain.engine.hours.SessionWindow;
import io.optionchain.engine.hours.SpecialSession;
import io.optionchain.engine.hours.TradingTemplate;
import io.optionchain.web.config.ConfigException;
import io.optionchain.web.json.InputText;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one trading-hours template, from its file or a request body, in the shape {@code GET /api/trading-hours}
 * lists templates in. Each mistake is a {@link ConfigException} saying where, as a person with the file open needs
 * it: {@code config/trading-hours/nse-fo.json line 7: weekdays.MON.post_close: starts at 15:20, before normal ends
 * at 15:30}. A weekday left out or null does not trade; a missing timezone is Asia/Kolkata; a holiday without a
 * type is a trading holiday; {@code note} is free text for people and is not kept.
 */
public final class TemplateReader {
    /** A request body's template is called this in its errors. */
    public static final String REQUEST_BODY = "request body";
    /** Most holidays, and most special sessions, one template holds: decades of any exchange's calendar. */
    public static final int MOST_DATES = 1_000;
    /** Longest description of a holiday or special session. */
    public static final int DESCRIPTION_CHARACTERS = 200;
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Kolkata");
    private static final Set<String> TEMPLATE_FIELDS = Set.of("name", "timezone", "weekdays", "holidays",
            "special_sessions", "exchange", "note");
    private static final Set<String> DAY_FIELDS = Set.of("pre_open", "normal", "post_close");
    private static final Set<String> HOLIDAY_FIELDS = Set.of("date", "description", "type", "source");
    private static final Set<String> HOLIDAY_BODY_FIELDS = Set.of("date", "description", "type");
    private static final Set<String> SPECIAL_FIELDS = Set.of("date", "description", "normal");
    private static final List<String> WEEKDAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-4]):([0-5][0-9])");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private final TemplateText json;
    private final boolean keepSources;

    private TemplateReader(TemplateText json, boolean keepSources) {
        this.json = json;
        this.keepSources = keepSources;
    }

    /**
     * A template's file, whose name must be the template's.
     *
     * @param stored true for the data directory's files, which this application wrote: there a holiday's
     *               {@code source} of {@code api} is kept; anywhere else every holiday is the template's
     */
    public static TradingTemplate file(String file, String text, String expectedName, boolean stored) {
        TemplateText parsed = TemplateText.parse(file, text);
        return new TemplateReader(parsed, stored).template(parsed.root(), expectedName, "does not match the file name " + expectedName + ".json");
    }

    /** A template sent to {@code PUT /api/trading-hours/templates/{name}}: its name must be the path's. */
    public static TradingTemplate body(String text, String pathName) {
        TemplateText parsed = TemplateText.parse(REQUEST_BODY, text);
        return new TemplateReader(parsed, false).template(parsed.root(), pathName, "does not match the name in the path, '" + pathName + "'");
    }

    /** A holiday sent to {@code POST /api/trading-hours/holidays}: {@code {date, description?, type?}}. */
    public static Holiday holidayBody(String text) {
        TemplateText parsed = TemplateText.parse(REQUEST_BODY, text);
        JsonNode root = parsed.root();
        TemplateReader reader = new TemplateReader(parsed, false);
        Where top = Where.TOP;
        if (!root.isObject()) {
            throw reader.fail(top, "must be a JSON object {\"date\", \"description\", \"type\"}");
        }
        reader.onlyKnown(root, top, HOLIDAY_BODY_FIELDS);
        return reader.holiday(root, top, HolidaySource.API);
    }

    private TradingTemplate template(JsonNode root, String expectedName, String mismatch) {
        Where top = Where.TOP;
        if (!root.isObject()) {
            throw fail(top, "must be a JSON object, one template");
        }
        onlyKnown(root, top, TEMPLATE_FIELDS);
        String name = text(root, top.field("name"), true);
        if (!TradingTemplate.NAME.matcher(name).matches()) {
            throw fail(top.field("name"), "must be letters, digits, '-' or '_' (at most 64), got " + InputText.shown(name));
        }
        if (!name.equals(expectedName)) {
            throw fail(top.field("name"), InputText.shown(name) + " " + mismatch);
        }
        ZoneId zone = DEFAULT_ZONE;
        if (root.hasNonNull("timezone")) {
            String zoneText = text(root, top.field("timezone"), true);
            try {
                zone = ZoneId.of(zoneText);
            } catch (RuntimeException e) {
                throw fail(top.field("timezone"), "unknown time zone " + InputText.shown(zoneText)
                        + "; use a zone id such as Asia/Kolkata");
            }
        }
        String exchange = root.hasNonNull("exchange") ? text(root, top.field("exchange"), true) : null;
        if (root.has("note") && !root.get("note").isTextual()) {
            throw fail(top.field("note"), "must be a string");
        }
        Map<DayOfWeek, DaySessions> weekdays = weekdays(root.get("weekdays"), top.field("weekdays"));
        List<Holiday> holidays = new ArrayList<>();
        for (JsonNode item : list(root, top.field("holidays"))) {
            Where where = top.field("holidays").index(holidays.size());
            if (!item.isObject()) {
                throw fail(where, "must be an object {\"date\", \"description\", \"type\"}");
            }
            onlyKnown(item, where, HOLIDAY_FIELDS);
            holidays.add(holiday(item, where, source(item)));
        }
        List<SpecialSession> specials = new ArrayList<>();
        for (JsonNode item : list(root, top.field("special_sessions"))) {
            Where where = top.field("special_sessions").index(specials.size());
            if (!item.isObject()) {
                throw fail(where, "must be an object {\"date\", \"description\", \"normal\"}");
            }
            onlyKnown(item, where, SPECIAL_FIELDS);
            specials.add(new SpecialSession(date(item, where.field("date")), description(item, where),
                    window(item.get("normal"), where.field("normal"))));
        }
        once(holidays.stream().map(Holiday::date).toList(), top.field("holidays"));
        once(specials.stream().map(SpecialSession::date).toList(), top.field("special_sessions"));
        try {
            return new TradingTemplate(name, zone, weekdays, holidays, specials, exchange);
        } catch (IllegalArgumentException e) {
            throw fail(top, e.getMessage()); // what the checks above missed, said in the engine's words
        }
    }

    private Map<DayOfWeek, DaySessions> weekdays(JsonNode node, Where where) {
        if (node == null) {
            throw fail(where, "missing; give each trading weekday's sessions, MON to SUN (null: no trading)");
        }
        if (!node.isObject()) {
            throw fail(where, "must be an object of weekdays, MON to SUN");
        }
        Map<DayOfWeek, DaySessions> days = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            Where day = where.field(entry.getKey());
            int index = WEEKDAYS.indexOf(entry.getKey());
            if (index < 0) {
                throw fail(day, "unknown weekday; expected one of " + WEEKDAYS);
            }
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isObject()) {
                throw fail(day, "must be an object with normal (and pre_open, post_close), or null for no trading");
            }
            onlyKnown(value, day, DAY_FIELDS);
            if (!value.hasNonNull("normal")) {
                throw fail(day.field("normal"), "missing; a trading day needs its normal market (or make the day null)");
            }
            SessionWindow normal = window(value.get("normal"), day.field("normal"));
            SessionWindow preOpen = value.hasNonNull("pre_open") ? window(value.get("pre_open"), day.field("pre_open")) : null;
            SessionWindow postClose = value.hasNonNull("post_close")
                    ? window(value.get("post_close"), day.field("post_close")) : null;
            if (preOpen != null && (preOpen.endsAtMidnight() || preOpen.end().isAfter(normal.start()))) {
                throw fail(day.field("pre_open"), "ends at " + shown(preOpen.end()) + ", after normal starts at "
                        + shown(normal.start()));
            }
            if (postClose != null && normal.endsAtMidnight()) {
                throw fail(day.field("post_close"), "normal runs to midnight, so nothing can follow it that day");
            }
            if (postClose != null && postClose.start().isBefore(normal.end())) {
                throw fail(day.field("post_close"), "starts at " + shown(postClose.start()) + ", before normal ends at "
                        + shown(normal.end()));
            }
            try {
                days.put(DayOfWeek.of(index + 1), new DaySessions(preOpen, normal, postClose));
            } catch (IllegalArgumentException e) {
                throw fail(day, e.getMessage());
            }
        }
        return days;
    }

    /** {@code ["09:15", "15:30"]}: an end of 24:00 or 00:00 is midnight at the end of the day. */
    private SessionWindow window(JsonNode node, Where where) {
        if (node == null || !node.isArray() || node.size() != 2) {
            throw fail(where, "must be [\"HH:MM\", \"HH:MM\"], a start and an end");
        }
        LocalTime start = time(node.get(0), where.index(0), false);
        LocalTime end = time(node.get(1), where.index(1), true);
        if (!end.equals(LocalTime.MIDNIGHT) && !end.isAfter(start)) {
            throw fail(where, "ends at " + shown(end) + ", not after it starts at " + shown(start));
        }
        return new SessionWindow(start, end);
    }

    private LocalTime time(JsonNode node, Where where, boolean end) {
        String text = node.isTextual() ? node.asText() : node.toString();
        var matcher = TIME.matcher(text);
        if (!node.isTextual() || !matcher.matches() || (matcher.group(1).equals("24") && !matcher.group(2).equals("00"))) {
            throw fail(where, InputText.shown(text) + " is not a time as \"HH:MM\" (00:00 to 23:59, or 24:00 as an end)");
        }
        if (matcher.group(1).equals("24")) {
            if (!end) {
                throw fail(where, "24:00 is midnight at the end of the day: a session cannot start there");
            }
            return LocalTime.MIDNIGHT;
        }
        return LocalTime.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    private Holiday holiday(JsonNode item, Where where, HolidaySource source) {
        LocalDate date = date(item, where.field("date"));
        HolidayType type = HolidayType.TRADING_HOLIDAY;
        if (item.hasNonNull("type")) {
            type = HolidayType.fromWire(item.get("type").isTextual() ? item.get("type").asText() : null);
            if (type == null) {
                throw fail(where.field("type"), "must be trading_holiday, settlement_holiday or special_session, got "
                        + InputText.shown(item.get("type").asText(item.get("type").toString())));
            }
        }
        return new Holiday(date, description(item, where), type, source);
    }

    /** What a stored file says a holiday came from: only an edit through the API is remembered as such. */
    private HolidaySource source(JsonNode item) {
        return keepSources && "api".equals(item.path("source").asText()) ? HolidaySource.API : HolidaySource.TEMPLATE;
    }

    private LocalDate date(JsonNode item, Where where) {
        String text = text(item, where, true);
        try {
            if (DATE.matcher(text).matches()) {
                return LocalDate.parse(text);
            }
        } catch (RuntimeException e) {
            // said below
        }
        throw fail(where, InputText.shown(text) + " is not a date as YYYY-MM-DD");
    }

    private String description(JsonNode item, Where where) {
        if (!item.hasNonNull("description")) {
            return "";
        }
        String text = text(item, where.field("description"), false);
        if (InputText.firstUnsafe(text) >= 0) {
            throw fail(where.field("description"), "must not hold control or format characters: "
                    + InputText.shown(text));
        }
        if (text.length() > DESCRIPTION_CHARACTERS) {
            throw fail(where.field("description"), "must be at most " + DESCRIPTION_CHARACTERS + " characters, got "
                    + text.length());
        }
        return text.strip();
    }

    private String text(JsonNode parent, Where where, boolean required) {
        JsonNode node = parent.get(where.last());
        if (node == null || node.isNull()) {
            throw fail(where, "missing");
        }
        if (!node.isTextual() || (required && node.asText().isBlank())) {
            throw fail(where, "must be a" + (required ? " non-empty" : "") + " string, got "
                    + InputText.shown(node.toString()));
        }
        return node.asText();
    }

    private List<JsonNode> list(JsonNode parent, Where where) {
        JsonNode node = parent.get(where.last());
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw fail(where, "must be a list");
        }
        if (node.size() > MOST_DATES) {
            throw fail(where, "must list at most " + MOST_DATES + " dates, got " + node.size());
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }

    private void once(List<LocalDate> dates, Where where) {
        Map<LocalDate, Integer> first = new HashMap<>();
        for (int i = 0; i < dates.size(); i++) {
            Integer earlier = first.putIfAbsent(dates.get(i), i);
            if (earlier != null) {
                throw fail(where.index(i).field("date"), dates.get(i) + " is listed twice (also "
                        + where.index(earlier).dotted() + ")");
            }
        }
    }

    private void onlyKnown(JsonNode node, Where where, Set<String> known) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            if (!known.contains(name)) {
                throw fail(where.field(name), "unknown field; expected one of " + known.stream().sorted().toList());
            }
        }
    }

    private ConfigException fail(Where where, String problem) {
        return json.fail(where, problem);
    }

    private static String shown(LocalTime time) {
        return time.equals(LocalTime.MIDNIGHT) ? "24:00" : time.toString();
    }
}
