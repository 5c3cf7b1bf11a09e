package io.optionchain.engine.state;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.market.OptionType;

import java.time.LocalDate;

/**
 * The instrument a chain-state record belongs to, as the record's identity fields hold it: written
 * when a persisted store creates the record, read back when the next process opens the file.
 */
final class RecordIdentity {
    private RecordIdentity() {
    }

    static void write(Instrument instrument, QuoteRecord record) {
        record.setSymbol(instrument.symbol());
        record.setExchange(instrument.exchange());
        record.setUnderlying(instrument.underlying());
        if (instrument.isOption()) {
            record.setExpiryEpochDay(Math.toIntExact(instrument.expiry().toEpochDay()));
            record.setStrike(instrument.strike());
            record.setOptionType(instrument.optionType().name());
        }
    }

    /** @return the instrument {@code record} names under {@code id}, or null when it names none */
    static Instrument read(int id, QuoteRecord record) {
        String symbol = text(record.getSymbol());
        if (symbol.isEmpty()) {
            return null;
        }
        String exchange = text(record.getExchange());
        String underlying = text(record.getUnderlying());
        String type = text(record.getOptionType());
        if (type.isEmpty()) {
            return new Instrument(id, symbol, exchange, underlying, null, 0, null);
        }
        return new Instrument(id, symbol, exchange, underlying, LocalDate.ofEpochDay(record.getExpiryEpochDay()),
                record.getStrike(), OptionType.valueOf(type));
    }

    /** A record's text field may be a reused buffer, or null when never set: copy it out. */
    private static String text(CharSequence field) {
        return field == null ? "" : field.toString();
    }
}
