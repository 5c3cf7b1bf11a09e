package io.optionchain.engine.instrument;

import io.optionchain.engine.market.OptionType;

import java.time.LocalDate;

/**
 * A tradable or quoted instrument known to the engine.
 *
 * @param id         dense registry id, the key of its chain-state record
 * @param symbol     OpenAlgo symbol, e.g. {@code NIFTY} or {@code NIFTY25NOV2524500CE}
 * @param exchange   OpenAlgo exchange, e.g. {@code NSE_INDEX} or {@code NFO}
 * @param underlying the index it belongs to (itself for an index)
 * @param expiry     option expiry; null for an index
 * @param strike     option strike; 0 for an index
 * @param optionType CE or PE; null for an index
 */
public record Instrument(int id, String symbol, String exchange, String underlying,
                         LocalDate expiry, double strike, OptionType optionType) {

    public boolean isOption() {
        return optionType != null;
    }
}
