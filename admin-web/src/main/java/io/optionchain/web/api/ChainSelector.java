package io.optionchain.web.api;

import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.OptionChain;
import io.optionchain.engine.market.ExpiryDates;

import io.optionchain.web.json.InputText;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the caller's {@code underlying} and {@code expiry} into a chain, or a 4xx naming what is wrong:
 * 400 for text that cannot be an underlying or an expiry, 404 for one not monitored, 503 while the chain opens.
 */
public final class ChainSelector {
    private static final Pattern UNDERLYING = Pattern.compile("[A-Za-z][A-Za-z0-9&-]{0,19}");
    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9&.-]{0,39}");

    private ChainSelector() {
    }

    public static OptionChain select(ChainBook book, String underlyingText, String expiryText) {
        String underlying = underlying(book, underlyingText);
        List<OptionChain> chains = book.chains(underlying);
        if (chains.isEmpty()) {
            throw ApiError.unavailable(underlying + " chain is not open yet"
                    + book.problem(underlying).map(p -> ": " + p).orElse(""));
        }
        if (expiryText == null || expiryText.isEmpty()) {
            return chains.get(0);
        }
        LocalDate expiry;
        try {
            expiry = ExpiryDates.parse(expiryText);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("expiry must look like 25-NOV-25, got "
                    + InputText.shown(expiryText));
        }
        return book.chain(underlying, expiry).orElseThrow(() -> ApiError.notFound("expiry " + InputText.shown(expiryText)
                + " is not monitored for " + underlying + "; monitored: " + expiries(chains)));
    }

    /** A configured underlying's name, upper-cased. */
    public static String underlying(ChainBook book, String text) {
        if (text == null || !UNDERLYING.matcher(text).matches()) {
            throw ApiError.badRequest("underlying must be an index symbol of letters, digits, & or -, at most 20, got '"
                    + shorten(text) + "'");
        }
        String underlying = text.toUpperCase(Locale.ROOT);
        if (!book.isConfigured(underlying)) {
            throw ApiError.notFound("unknown underlying '" + text + "'; monitored: " + book.underlyings());
        }
        return underlying;
    }

    /** An OpenAlgo symbol's text, upper-cased; 400 for what cannot be one. */
    public static String symbol(String text) {
        if (text == null || !SYMBOL.matcher(text).matches()) {
            throw ApiError.badRequest("symbol must be an OpenAlgo symbol of letters, digits, &, . or -, at most 40, got '"
                    + shorten(text) + "'");
        }
        return text.toUpperCase(Locale.ROOT);
    }

    public static List<String> expiries(List<OptionChain> chains) {
        return chains.stream().map(c -> ExpiryDates.format(c.expiry())).toList();
    }

    /** Echoes at most 40 characters of bad input: enough to recognise, not a way to reflect a payload. */
    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
