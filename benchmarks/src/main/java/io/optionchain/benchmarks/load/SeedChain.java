package io.optionchain.benchmarks.load;

import io.optionchain.engine.market.StrikeLadder;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One (index, expiry) chain done the way the seed's {@code option_chain.py} does it: leg data in hash
 * maps keyed by symbol text, and on every tick the whole 41-row chain rebuilt as a list of maps, with
 * the market metrics summed afresh. The naive twin of {@code OptionChain} and {@code ChainMetrics}.
 */
final class SeedChain {
    private final String underlying;
    private final String expiry;
    private final StrikeLadder ladder;
    /** Strike to {CE symbol, PE symbol}, as the seed's {@code option_data} holds them. */
    private final Map<Double, String[]> symbolsByStrike;
    private double atmStrike;

    SeedChain(String underlying, String expiry, StrikeLadder ladder, Map<Double, String[]> symbolsByStrike,
              double indexLtp) {
        this.underlying = underlying;
        this.expiry = expiry;
        this.ladder = ladder;
        this.symbolsByStrike = symbolsByStrike;
        this.atmStrike = ladder.atmStrike(indexLtp);
    }

    String underlying() {
        return underlying;
    }

    /** The seed's {@code check_atm_change}: ATM is the strike nearest the index. */
    void onIndexPrice(double indexLtp) {
        atmStrike = ladder.atmStrike(indexLtp);
    }

    /** The whole chain as the seed's data model spells it, rebuilt from the legs' latest maps. */
    Map<String, Object> rebuild(Map<String, Map<String, Object>> legs, Double indexLtp) {
        int side = ladder.strikesEachSide();
        List<Map<String, Object>> options = new ArrayList<>(ladder.windowSize());
        long ceVolume = 0;
        long peVolume = 0;
        long ceOi = 0;
        long peOi = 0;
        for (int offset = -side; offset <= side; offset++) {
            double strike = atmStrike + offset * ladder.step();
            String[] symbols = symbolsByStrike.getOrDefault(strike, new String[] {null, null});
            Map<String, Object> ce = legData(symbols[0], legs);
            Map<String, Object> pe = legData(symbols[1], legs);
            ceVolume += number(ce, "volume");
            peVolume += number(pe, "volume");
            ceOi += number(ce, "oi");
            peOi += number(pe, "oi");
            Map<String, Object> row = new HashMap<>();
            row.put("tag", StrikeLadder.rowTag(offset));
            row.put("strike", strike);
            row.put("ce_data", ce);
            row.put("pe_data", pe);
            options.add(row);
        }
        Map<String, Object> metrics = new HashMap<>();
        metrics.put("total_ce_volume", ceVolume);
        metrics.put("total_pe_volume", peVolume);
        metrics.put("total_ce_oi", ceOi);
        metrics.put("total_pe_oi", peOi);
        metrics.put("pcr", ceOi == 0 ? null : (double) peOi / ceOi);
        metrics.put("pcr_volume", ceVolume == 0 ? null : (double) peVolume / ceVolume);
        metrics.put("max_pain", maxPain(options));

        Map<String, Object> chain = new HashMap<>();
        chain.put("underlying", underlying);
        chain.put("underlying_ltp", indexLtp);
        chain.put("atm_strike", atmStrike);
        chain.put("expiry", expiry);
        chain.put("timestamp", LocalDateTime.now().toString());
        chain.put("options", options);
        chain.put("market_metrics", metrics);
        return chain;
    }

    /** A fresh copy of the leg's map with its symbol, as a Python dict literal would make one. */
    private static Map<String, Object> legData(String symbol, Map<String, Map<String, Object>> legs) {
        Map<String, Object> leg = symbol == null ? null : legs.get(symbol);
        Map<String, Object> data = leg == null ? new HashMap<>() : new HashMap<>(leg);
        data.put("symbol", symbol);
        return data;
    }

    /** For every window strike as settlement, what writers pay holders; the cheapest strike, lower on ties. */
    private static Double maxPain(List<Map<String, Object>> options) {
        Double best = null;
        double bestPain = Double.MAX_VALUE;
        boolean anyOi = false;
        for (Map<String, Object> settlement : options) {
            double s = (Double) settlement.get("strike");
            double pain = 0;
            for (Map<String, Object> row : options) {
                double k = (Double) row.get("strike");
                @SuppressWarnings("unchecked")
                long ce = number((Map<String, Object>) row.get("ce_data"), "oi");
                @SuppressWarnings("unchecked")
                long pe = number((Map<String, Object>) row.get("pe_data"), "oi");
                anyOi |= ce > 0 || pe > 0;
                pain += ce * Math.max(0, s - k) + pe * Math.max(0, k - s);
            }
            if (pain < bestPain) {
                bestPain = pain;
                best = s;
            }
        }
        return anyOi ? best : null;
    }

    private static long number(Map<String, Object> leg, String key) {
        Object value = leg.get(key);
        return value instanceof Number n ? n.longValue() : 0;
    }
}
