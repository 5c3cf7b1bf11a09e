package io.optionchain.web.json;

import io.optionchain.engine.lifecycle.LifecycleStatus;
import io.optionchain.engine.lifecycle.LifecycleTransition;
import io.optionchain.gateway.rest.QuoteFallback;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code market} section of {@code /api/option-chain/status}: the active template, the session now, whether
 * the market is open, the next open, and the lifecycle's state with its cause and latest changes.
 */
public final class MarketJson {
    /** Enough to see a morning's transitions without scrolling through a week. */
    private static final int SHOWN_TRANSITIONS = 12;
    /** 2026-12-28T09:15:00+05:30: seconds always written, as the example and most parsers expect. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private MarketJson() {
    }

    /**
     * Status's {@code rest_fallback}: why market data is stale now (null while live), whether open positions' legs
     * are polled over REST for it, and the polls and failures so far.
     */
    public static Map<String, Object> fallback(QuoteFallback.Status status, String staleness) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("feed_stale", staleness);
        json.put("polling", status.polling());
        json.put("rounds", status.rounds());
        json.put("polls", status.polls());
        json.put("failures", status.failures());
        json.put("dropped", status.dropped());
        json.put("last_failure", status.lastFailure());
        return json;
    }

    public static Map<String, Object> of(LifecycleStatus status) {
        ZoneId zone = status.zone();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("template", status.template());
        json.put("timezone", zone.getId());
        json.put("session", status.session().wireName());
        json.put("market_open", status.marketOpen());
        json.put("next_open", status.nextOpen() == null ? null : ISO.format(status.nextOpen()));
        Map<String, Object> lifecycle = new LinkedHashMap<>();
        lifecycle.put("state", status.state().wireName());
        lifecycle.put("cause", status.cause());
        lifecycle.put("since", ISO.format(status.since().atZone(zone)));
        List<LifecycleTransition> all = status.transitions();
        lifecycle.put("transitions", all.subList(Math.max(0, all.size() - SHOWN_TRANSITIONS), all.size()).stream()
                .map(t -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("at", ISO.format(t.at().atZone(zone)));
                    item.put("state", t.state().wireName());
                    item.put("session", t.session() == null ? null : t.session().wireName());
                    item.put("cause", t.cause());
                    return item;
                }).toList());
        json.put("lifecycle", lifecycle);
        return json;
    }
}
