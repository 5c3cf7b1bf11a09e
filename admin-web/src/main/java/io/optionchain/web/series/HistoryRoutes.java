package io.optionchain.web.series;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.OptionChain;
import io.optionchain.engine.market.ExpiryDates;
import io.optionchain.engine.series.SeriesStore;
import io.optionchain.web.api.ApiError;
import io.optionchain.web.api.ChainSelector;
import io.optionchain.web.api.Routes;
import io.optionchain.web.json.InputText;
import io.optionchain.web.json.SeriesJson;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /api/option-chain/{underlying}/history?expiry=&from=&to=}: the chain's day series, time ascending.
 * The chain is chosen as the chain route chooses it ({@link ChainSelector}: the nearest monitored expiry by
 * default, the same 400, 404 and 503). {@code from} and {@code to} are ISO-8601 times with their offset, both
 * included; by default from 00:00 of {@code to}'s day in the exchange's zone, and to now. A time that does not
 * parse is a 400 here; one after the other, or a span longer than the days kept, is the store's refusal, a 400
 * through the one error mapping.
 */
public final class HistoryRoutes implements Routes {
    private final ChainBook book;
    private final SeriesStore series;
    private final Clock clock;

    public HistoryRoutes(ChainBook book, SeriesStore series, Clock clock) {
        this.book = book;
        this.series = series;
        this.clock = clock;
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.get("/api/option-chain/{underlying}/history", this::history);
    }

    private void history(Context ctx) {
        OptionChain chain = ChainSelector.select(book, ctx.pathParam("underlying"), ctx.queryParam("expiry"));
        Instant to = time("to", ctx.queryParam("to"));
        if (to == null) {
            to = clock.instant();
        }
        Instant from = time("from", ctx.queryParam("from"));
        if (from == null) {
            from = LocalDate.ofInstant(to, ExpiryDates.EXCHANGE_ZONE).atStartOfDay(ExpiryDates.EXCHANGE_ZONE)
                    .toInstant();
        }
        String underlying = chain.underlying().name();
        ctx.json(SeriesJson.of(underlying, chain.expiry(), series.read(underlying, chain.expiry(), from, to)));
    }

    /** An ISO-8601 time with its offset, or null when not given. */
    private static Instant time(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            // a '+' sent unencoded in a query string arrives as a space, and an ISO time never holds one
            return OffsetDateTime.parse(text.strip().replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(name + " must be an ISO-8601 time with its offset, such as"
                    + " 2026-12-07T09:15:00+05:30, got " + InputText.shown(text));
        }
    }
}
