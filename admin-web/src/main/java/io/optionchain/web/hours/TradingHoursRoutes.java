package io.optionchain.web.hours;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.optionchain.engine.hours.Holiday;
import io.optionchain.engine.hours.SessionPeriod;
import io.optionchain.engine.hours.TradingCalendar;
import io.optionchain.engine.hours.TradingTemplate;
import io.optionchain.web.api.ApiError;
import io.optionchain.web.api.Routes;
import io.optionchain.web.json.InputText;
import io.optionchain.web.json.RequestJson;
import io.optionchain.web.json.TradingHoursJson;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code /api/trading-hours}: the templates, the active one and what it means now; creating and replacing
 * templates, switching the active one live, and editing its holidays. Changing routes need the bearer token (the
 * server's rule for every non-GET under /api); a bad template is a 400 naming the field and line, an unknown one a
 * 404, both through the server's one exception mapping.
 *
 * <pre>
 *   GET    /api/trading-hours                  active, timezone, session, market_open, next_open, today,
 *                                              templates, holidays (the server's merged in, each with its source)
 *   PUT    /api/trading-hours/templates/{name} a template in its file's shape, whose name must be {name}:
 *                                              201 created, 200 replaced; the active one takes effect at once
 *   POST   /api/trading-hours/apply            {"template": name}: active, session and next_session
 *   POST   /api/trading-hours/holidays         {"date", "description"?, "type"?}: added to the active template
 *                                              (type trading_holiday unless given), 201 with the holiday
 *   DELETE /api/trading-hours/holidays/{date}  removes the active template's holiday that day, 200 with it
 * </pre>
 */
public final class TradingHoursRoutes implements Routes {
    /** How far ahead {@code next_session} is looked for: as far as the calendar looks for an open. */
    private static final int SEARCH_DAYS = 732;

    private final TradingHoursStore store;
    private final Clock clock;

    public TradingHoursRoutes(TradingHoursStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.get("/api/trading-hours", ctx -> ctx.json(TradingHoursJson.hours(store.active(),
                store.templates(), clock.instant())));
        config.routes.put("/api/trading-hours/templates/{name}", this::put);
        config.routes.post("/api/trading-hours/apply", this::apply);
        config.routes.post("/api/trading-hours/holidays", ctx -> {
            Holiday sent = TemplateReader.holidayBody(ctx.body());
            Holiday added = store.addHoliday(sent.date(), sent.description(), sent.type());
            ctx.status(201).json(TradingHoursJson.holiday(added));
        });
        config.routes.delete("/api/trading-hours/holidays/{date}", ctx ->
                ctx.json(TradingHoursJson.holiday(store.removeHoliday(date(ctx.pathParam("date"))))));
    }

    private void put(Context ctx) {
        String name = ctx.pathParam("name");
        if (!TradingTemplate.NAME.matcher(name).matches()) {
            throw ApiError.badRequest("a template's name is letters, digits, '-' or '_' (at most 64), got "
                    + InputText.shown(name));
        }
        TradingTemplate template = TemplateReader.body(ctx.body(), name);
        boolean created = store.put(template);
        ctx.status(created ? 201 : 200).json(TradingHoursJson.template(template));
    }

    private void apply(Context ctx) {
        JsonNode body = RequestJson.object(ctx.body());
        JsonNode name = body.get("template");
        if (name == null || !name.isTextual() || body.size() != 1) {
            throw ApiError.badRequest("the body must be {\"template\": name}, the name of a template");
        }
        TradingCalendar active = store.apply(name.asText());
        Instant now = clock.instant();
        ctx.json(TradingHoursJson.applied(active, now, nextPeriod(active, now)));
    }

    /**
     * The first session to start after {@code now}; a start that only carries the same session on across
     * midnight is no new session. Null when none starts within two years.
     */
    static SessionPeriod nextPeriod(TradingCalendar calendar, Instant now) {
        LocalDate today = calendar.date(now);
        for (int d = 0; d < SEARCH_DAYS; d++) {
            List<SessionPeriod> periods = calendar.day(today.plusDays(d));
            for (SessionPeriod period : periods) {
                Instant start = period.start().toInstant();
                if (start.isAfter(now) && calendar.sessionAt(start.minusNanos(1)) != period.session()) {
                    return period;
                }
            }
        }
        return null;
    }

    private static LocalDate date(String text) {
        try {
            if (text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                return LocalDate.parse(text);
            }
        } catch (RuntimeException e) {
            // said below
        }
        throw ApiError.badRequest("date must be YYYY-MM-DD, got " + InputText.shown(text));
    }
}
