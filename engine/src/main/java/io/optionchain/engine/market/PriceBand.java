package io.optionchain.engine.market;

/**
 * The exchange's limit price protection (LPP) band of an underlying's options: the prices around a reference
 * price (the option's recent trades) within which the exchange takes a limit order. A buy above the band's high
 * or a sell below its low is rejected on entry and on modification ("Order price is beyond LPP limit"), so an
 * exit priced past it never reaches the book.
 *
 * <p>NSE's rule for index options (circular NSE/FAOP/54242 of 28 October 2022, in force from 31 October 2022;
 * NSE's "FAQs on Limit Price Protection"): a reference price up to ₹50 has a band of ±₹20, one above ₹50 ±40 %.
 * The two rows meet at ₹50 (40 % of 50 is 20), so the band is the larger of the two, {@code max(₹20, 40 %)}, which
 * is how this record holds it: {@link #percent} of the reference, at least {@link #minimum} rupees. BSE's option
 * band (60 %, at least ₹30) has the same shape.
 *
 * <p>The band's edges are put on the tick grid inwards (the low up, the high down), so a price on an edge is inside
 * the exchange's own band whichever way it rounds; the low is never below one tick. Plain arithmetic on doubles: no
 * allocation, safe on any thread.
 *
 * @param percent each side's width as a percentage of the reference price, above 0 and at most 100
 * @param minimum each side's least width in rupees, 0 or more
 */
public record PriceBand(double percent, double minimum) {
    /** NSE's limit price protection for index options: ±₹20 up to a ₹50 reference, ±40 % above. */
    public static final PriceBand NSE_INDEX_OPTIONS = new PriceBand(40, 20);
    /** Widest least width taken as real, in rupees. */
    public static final double MAX_MINIMUM = 10_000;

    public PriceBand {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be above 0 and at most 100, got " + percent);
        }
        if (!(minimum >= 0 && minimum <= MAX_MINIMUM)) {
            throw new IllegalArgumentException("minimum must be 0.." + (long) MAX_MINIMUM + " rupees, got " + minimum);
        }
    }

    /** Rupees each side of {@code reference}. */
    public double halfWidth(double reference) {
        return Math.max(minimum, reference * percent / 100);
    }

    /** The lowest price a sell may take, on the {@code tick} grid; NaN without a positive reference. */
    public double low(double reference, double tick) {
        if (!(reference > 0)) {
            return Double.NaN;
        }
        double low = Math.ceil((reference - halfWidth(reference)) / tick - 1e-9) * tick;
        return clean(Math.max(tick, low));
    }

    /** The highest price a buy may take, on the {@code tick} grid; NaN without a positive reference. */
    public double high(double reference, double tick) {
        if (!(reference > 0)) {
            return Double.NaN;
        }
        return clean(Math.floor((reference + halfWidth(reference)) / tick + 1e-9) * tick);
    }

    /**
     * Whether the exchange takes a limit {@code sell} (or buy) at {@code price} against {@code reference}: a sell
     * at or above the low, a buy at or below the high. Without a positive reference nothing is known against it,
     * and the price is taken as inside.
     */
    public boolean accepts(boolean sell, double price, double reference, double tick) {
        if (!(reference > 0)) {
            return true;
        }
        return sell ? price >= low(reference, tick) - 1e-9 : price <= high(reference, tick) + 1e-9;
    }

    /**
     * {@code price} moved into the band: a sell raised to the low, a buy lowered to the high; otherwise, and
     * without a positive reference, unchanged.
     */
    public double clamp(boolean sell, double price, double reference, double tick) {
        if (!(reference > 0) || Double.isNaN(price)) {
            return price;
        }
        return sell ? Math.max(price, low(reference, tick)) : Math.min(price, high(reference, tick));
    }

    /** 123.45000000000002 to 123.45: tick multiples as the exchange writes them. */
    private static double clean(double price) {
        return Math.round(price * 1_000_000) / 1_000_000.0;
    }
}
