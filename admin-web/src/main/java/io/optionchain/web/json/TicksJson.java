package io.optionchain.web.json;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.state.TickHistory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An instrument's recent ticks, newest first, as {@code GET /api/option-chain/ticks/{symbol}} shows them. */
public final class TicksJson {
    private TicksJson() {
    }

    public static Map<String, Object> of(Instrument instrument, List<TickHistory.TickEntry> entries) {
        List<Map<String, Object>> ticks = new ArrayList<>(entries.size());
        for (TickHistory.TickEntry entry : entries) {
            Map<String, Object> tick = new LinkedHashMap<>();
            tick.put("time", WireFormat.exchangeTime(entry.timeMillis()));
            tick.put("ltp", entry.ltp());
            tick.put("bid", entry.bid());
            tick.put("ask", entry.ask());
            tick.put("bid_qty", entry.bidQty());
            tick.put("ask_qty", entry.askQty());
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
}
