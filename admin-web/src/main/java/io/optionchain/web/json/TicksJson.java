package io.optionchain.web.json;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.state.TickHistory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An instrument's recent ticks, newest first, as {@code GET /api/option-chain/ticks/{symbol}} shows them; a price
 * not known (an index has no bid or ask) is null, never 0.
 */
public final class TicksJson {
    private TicksJson() {
    }

    public static Map<String, Object> of(Instrument instrument, List<TickHistory.TickEntry> entries) {
        List<Map<String, Object>> ticks = new ArrayList<>(entries.size());
        for (TickHistory.TickEntry entry : entries) {
            Map<String, Object> tick = new LinkedHashMap<>();
            tick.put("time", WireFormat.exchangeTime(entry.timeMillis()));
            Double bid = known(entry.bid());
            Double ask = known(entry.ask());
            tick.put("ltp", known(entry.ltp()));
            tick.put("bid", bid);
            tick.put("ask", ask);
            tick.put("bid_qty", bid == null ? null : entry.bidQty());
            tick.put("ask_qty", ask == null ? null : entry.askQty());
            tick.put("volume", entry.volume());
            tick.put("oi", entry.oi());
            ticks.add(tick);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("symbol", instrument.symbol());
        json.put("exchange", instrument.exchange());
        json.put("count", ticks.size());
        json.put("ticks", ticks);
        return json;
    }

    /**
     * A price the tick carried, or null: the history keeps 0 (or NaN) where the feed sent none, as an index's
     * ticks send no bid or ask, and no traded price is 0.
     */
    private static Double known(double price) {
        return price > 0 && Double.isFinite(price) ? price : null;
    }
}
