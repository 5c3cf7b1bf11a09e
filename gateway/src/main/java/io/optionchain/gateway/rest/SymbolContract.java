package io.optionchain.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.optionchain.gateway.rest.OpenAlgoEndpoint.excerpt;

/**
 * The contract fields of OpenAlgo's {@code symbol} reply ({@code services/symbol_service.py}, from its master
 * contract and {@code database/qty_freeze_db.py}): lot size, tick size and freeze quantity, each null when the
 * reply has no usable value, with the reason in {@link #unusable}. Numbers are read as numbers or as text, as the
 * rest of the client reads them; nothing in a reply throws.
 *
 * <p>OpenAlgo answers a freeze quantity of 0 (newer) or 1 (older) where it has no limit for the symbol, so neither
 * is a limit; nor is any value below one lot, which no exchange sets. A tick above
 * {@value #MAX_TICK_SIZE} rupees or a lot above {@value #MAX_LOT_SIZE} units is a reply gone wrong, not a contract.
 *
 * @param unusable by reply field ({@code lotsize}, {@code tick_size}, {@code freeze_qty}), why its value is not used
 */
public record SymbolContract(Integer lotSize, Double tickSize, Integer freezeQuantity, Map<String, String> unusable) {
    static final double MAX_TICK_SIZE = 100;
    static final int MAX_LOT_SIZE = 1_000_000;

    public SymbolContract {
        unusable = Map.copyOf(unusable);
    }

    /** @param data the reply's {@code data} object (anything else: every field unusable) */
    static SymbolContract read(JsonNode data) {
        Map<String, String> unusable = new LinkedHashMap<>();
        Double lot = number(data, "lotsize", unusable);
        if (lot != null && !(lot >= 1 && lot <= MAX_LOT_SIZE && lot == Math.rint(lot))) {
            unusable.put("lotsize", "not a whole number of units 1.." + MAX_LOT_SIZE + ": " + plain(lot));
            lot = null;
        }
        Double tick = number(data, "tick_size", unusable);
        if (tick != null && !(tick > 0 && tick <= MAX_TICK_SIZE)) {
            unusable.put("tick_size", "not a price step above 0 and at most " + plain(MAX_TICK_SIZE) + ": "
                    + plain(tick));
            tick = null;
        }
        Double freeze = number(data, "freeze_qty", unusable);
        if (freeze != null && !(freeze >= 0 && freeze <= Integer.MAX_VALUE && freeze == Math.rint(freeze))) {
            unusable.put("freeze_qty", "not a whole number of units: " + plain(freeze));
            freeze = null;
        } else if (freeze != null && freeze <= 1) {
            unusable.put("freeze_qty", plain(freeze) + ", OpenAlgo's answer when it has no limit for the symbol");
            freeze = null;
        } else if (freeze != null && lot != null && freeze < lot) {
            unusable.put("freeze_qty", plain(freeze) + " is below one lot of " + plain(lot));
            freeze = null;
        }
        return new SymbolContract(lot == null ? null : lot.intValue(), tick, freeze == null ? null : freeze.intValue(),
                unusable);
    }

    /** The field as a finite number, or null (its reason noted) when absent, null, blank or not a number. */
    private static Double number(JsonNode data, String field, Map<String, String> unusable) {
        JsonNode value = data == null ? null : data.get(field);
        double number;
        if (value == null || value.isNull() || value.isMissingNode()
                || value.isTextual() && value.asText().isBlank()) {
            unusable.put(field, "missing");
            return null;
        } else if (value.isNumber()) {
            number = value.doubleValue();
        } else if (value.isTextual()) {
            try {
                number = Double.parseDouble(value.asText().trim());
            } catch (NumberFormatException e) {
                unusable.put(field, "not a number: '" + excerpt(value.asText()) + "'");
                return null;
            }
        } else {
            unusable.put(field, "not a number: " + excerpt(value.toString()));
            return null;
        }
        if (!Double.isFinite(number)) {
            unusable.put(field, "not a finite number: " + value.asText());
            return null;
        }
        return number;
    }

    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }
}
