package io.optionchain.simulator.market;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One tradable name in OpenAlgo's symbol format: an index ({@code NIFTY} on NSE_INDEX) or an index option
 * ({@code NIFTY25NOV2524500CE} on NFO: base, DDMMMYY expiry, whole strike, CE/PE). Parsing checks form
 * only; whether the contract is listed today is {@link MarketModel}'s call.
 *
 * @param expiry null for the index itself
 * @param strike whole rupees; 0 for the index
 */
public record SimulatedSymbol(String symbol, String exchange, SimulatedIndex index, LocalDate expiry, int strike,
                       boolean call) {

    private static final Pattern OPTION = Pattern.compile("([A-Z]+)(\\d{2})([A-Z]{3})(\\d{2})(\\d{1,7})(CE|PE)");

    public static SimulatedSymbol index(SimulatedIndex index) {
        return new SimulatedSymbol(index.name(), SimulatedIndex.INDEX_EXCHANGE, index, null, 0, false);
    }

    public static SimulatedSymbol option(SimulatedIndex index, LocalDate expiry, int strike, boolean call) {
        String symbol = index.name() + ddMmmYy(expiry) + strike + (call ? "CE" : "PE");
        return new SimulatedSymbol(symbol, SimulatedIndex.OPTION_EXCHANGE, index, expiry, strike, call);
    }

    public boolean isIndex() {
        return expiry == null;
    }

    /**
     * The symbol text's hash, which String caches: the generated record hash re-hashes every component,
     * and the market looks a symbol up twice per tick. Equal records have equal text, so this agrees with
     * equals.
     */
    @Override
    public int hashCode() {
        return symbol.hashCode();
    }

    /**
     * Only the canonical spelling parses: OpenAlgo matches symbols exactly, so {@code nifty} or a strike
     * written {@code 24500.0} name nothing.
     */
    public static Optional<SimulatedSymbol> parse(String symbol, String exchange) {
        if (symbol == null || exchange == null) {
            return Optional.empty();
        }
        if (SimulatedIndex.INDEX_EXCHANGE.equals(exchange)) {
            return SimulatedIndex.bySymbol(symbol).map(SimulatedSymbol::index);
        }
        if (!SimulatedIndex.OPTION_EXCHANGE.equals(exchange)) {
            return Optional.empty();
        }
        Matcher m = OPTION.matcher(symbol);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<SimulatedIndex> index = SimulatedIndex.bySymbol(m.group(1));
        Optional<LocalDate> expiry = date(m.group(2), m.group(3), m.group(4));
        if (index.isEmpty() || expiry.isEmpty()) {
            return Optional.empty();
        }
        SimulatedSymbol parsed = option(index.get(), expiry.get(), Integer.parseInt(m.group(5)), "CE".equals(m.group(6)));
        return parsed.symbol.equals(symbol) ? Optional.of(parsed) : Optional.empty();
    }

    /** {@code 25NOV25}: the expiry as it appears inside option symbols. */
    static String ddMmmYy(LocalDate date) {
        String month = date.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toUpperCase(Locale.ROOT);
        return String.format(Locale.ROOT, "%02d%s%02d", date.getDayOfMonth(), month, date.getYear() % 100);
    }

    private static Optional<LocalDate> date(String day, String month, String year) {
        for (Month candidate : Month.values()) {
            String name = candidate.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toUpperCase(Locale.ROOT);
            if (name.equals(month)) {
                try {
                    return Optional.of(LocalDate.of(2000 + Integer.parseInt(year), candidate, Integer.parseInt(day)));
                } catch (DateTimeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
