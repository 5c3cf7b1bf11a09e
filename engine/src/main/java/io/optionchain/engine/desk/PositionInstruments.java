package io.optionchain.engine.desk;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.journal.JournalRecord;
import io.optionchain.engine.market.ContractSpec;
import io.optionchain.engine.market.ContractSpecs;
import io.optionchain.engine.market.OptionSymbol;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.market.PriceBand;
import io.optionchain.engine.market.Underlying;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position's option symbols as registry instruments, with their contract data (lot size, tick size, freeze
 * quantity: the server's as the chains opened, else the configured fallback). A symbol no strike window has
 * registered (a position far from ATM, or after a restart before the windows open) is read as OpenAlgo writes
 * option symbols, base + DDMMMYY + strike + CE/PE, against the configured underlyings, and registered.
 */
final class PositionInstruments {
    private static final Pattern OPTION_TAIL = Pattern.compile("(\\d{2}[A-Z]{3}\\d{2})(\\d+(?:\\.\\d+)?)(CE|PE)");
    private static final DateTimeFormatter SYMBOL_DATE = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("ddMMMyy").toFormatter(Locale.ENGLISH);

    private final InstrumentRegistry registry;
    private final ContractSpecs contracts;
    private final List<Underlying> longestNameFirst;

    PositionInstruments(InstrumentRegistry registry, List<Underlying> underlyings, ContractSpecs contracts) {
        this.registry = registry;
        this.contracts = contracts;
        this.longestNameFirst = underlyings.stream()
                .sorted(Comparator.comparingInt((Underlying u) -> u.name().length()).reversed()).toList();
    }

    /**
     * The option {@code symbol} names, read against the configured underlyings but not registered: a request
     * is checked whole before any of its symbols takes one of the registry's slots, which never free.
     */
    Contract contract(String symbol) {
        Instrument known = registry.bySymbol(symbol);
        if (known != null) {
            if (!known.isOption()) {
                throw new IllegalArgumentException(symbol + " is an index, not an option");
            }
            return new Contract(symbol, known.underlying(), known.expiry(), known);
        }
        for (Underlying underlying : longestNameFirst) {
            if (!symbol.startsWith(underlying.name())) {
                continue;
            }
            Matcher tail = OPTION_TAIL.matcher(symbol.substring(underlying.name().length()));
            if (!tail.matches()) {
                continue;
            }
            LocalDate expiry;
            try {
                expiry = LocalDate.parse(tail.group(1), SYMBOL_DATE);
            } catch (DateTimeParseException e) {
                continue;
            }
            double strike = Double.parseDouble(tail.group(2));
            OptionType type = OptionType.valueOf(tail.group(3));
            if (!OptionSymbol.of(underlying.name(), expiry, strike, type).equals(symbol)) {
                continue; // e.g. a strike written "24500.0": not how OpenAlgo names it
            }
            return new Contract(symbol, underlying.name(), expiry, () -> registry.register(symbol,
                    underlying.optionExchange(), underlying.name(), expiry, strike, type, windowReserve()));
        }
        throw new IllegalArgumentException(symbol + " is not an option of a configured underlying ("
                + String.join(", ", longestNameFirst.stream().map(Underlying::name).sorted().toList())
                + "); expected e.g. NIFTY25NOV2524500CE");
    }

    /**
     * Slots positions leave to the chains' windows: a quarter of the registry. The windows register new strikes
     * as ATM moves through the day and never free them, so positions far from ATM must not use up the rest.
     */
    private int windowReserve() {
        return registry.capacity() / 4;
    }

    /** The contract's instrument, registered now if it was not yet. */
    Instrument register(Contract contract) {
        return contract.registration.get();
    }

    /** An option symbol that has been read and checked, with what registers it when the request is accepted. */
    record Contract(String symbol, String underlying, LocalDate expiry, Supplier<Instrument> registration) {
        Contract(String symbol, String underlying, LocalDate expiry, Instrument known) {
            this(symbol, underlying, expiry, () -> known);
        }
    }

    /** Registers a journalled leg's instrument again (a restart) and returns its id. */
    int restore(JournalRecord.OpenedLeg leg) {
        Instrument known = registry.bySymbol(leg.symbol());
        if (known != null) {
            return known.id();
        }
        return registry.register(leg.symbol(), leg.exchange(), leg.underlying(), leg.expiry(), leg.strike(),
                leg.optionType()).id();
    }

    /**
     * Per leg, the largest exit order it may be sent in: its contract's freeze quantity in whole lots of the leg's
     * own lot, or the leg's whole quantity when there is no freeze quantity or its underlying is no longer
     * configured (then the broker says whether it takes the order).
     */
    long[] slicing(JournalRecord.Opened opened) {
        long[] slicing = new long[opened.legs().size()];
        for (int i = 0; i < slicing.length; i++) {
            JournalRecord.OpenedLeg leg = opened.legs().get(i);
            Underlying underlying = configured(leg.underlying());
            slicing[i] = underlying == null ? leg.quantity()
                    : contracts.of(underlying, leg.expiry()).sliceQuantity(leg.quantity(), leg.lotSize());
        }
        return slicing;
    }

    /** Contract lot of the option. */
    int lotSize(Instrument option) {
        return spec(option.symbol(), option.underlying(), option.expiry()).lotSize();
    }

    /** Contract lot of a symbol read by {@link #contract}. */
    int lotSize(Contract contract) {
        return spec(contract.symbol(), contract.underlying(), contract.expiry()).lotSize();
    }

    /** Price step of the instrument {@code id}: its contract's, or {@code otherwise} when that is not known. */
    double tickSize(int id, double otherwise) {
        Instrument option = registry.byId(id);
        Underlying underlying = option == null || !option.isOption() ? null : configured(option.underlying());
        return underlying == null ? otherwise : contracts.of(underlying, option.expiry()).tickSize();
    }

    /**
     * The limit price protection band of the instrument {@code id}: its underlying's, or NSE's for index options
     * when the instrument or its underlying is not known (the band NFO applies to every index option).
     */
    PriceBand priceBand(int id) {
        Instrument option = registry.byId(id);
        Underlying underlying = option == null ? null : configured(option.underlying());
        return underlying == null ? PriceBand.NSE_INDEX_OPTIONS : underlying.priceBand();
    }

    private ContractSpec spec(String symbol, String underlyingName, LocalDate expiry) {
        Underlying underlying = configured(underlyingName);
        if (underlying == null) {
            throw new IllegalArgumentException(symbol + " belongs to " + underlyingName
                    + ", which is not a configured underlying: its lot size is unknown");
        }
        return contracts.of(underlying, expiry);
    }

    private Underlying configured(String name) {
        for (Underlying underlying : longestNameFirst) {
            if (underlying.name().equals(name)) {
                return underlying;
            }
        }
        return null;
    }
}
