package io.optionchain.simulator.market;

import io.optionchain.options.Black76;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * One option's market: a five-level book quoted around its Black-76 fair value, last trade, volume and
 * open interest. Each tick re-prices the book off the current index level and, more often than not,
 * prints a trade at the bid or the ask. Created on first use; all randomness comes from its own seeded
 * stream, so the order in which contracts are first touched does not change any contract's path.
 */
final class OptionState {
    private static final long MIN_PRICE = Paise.TICK;
    private static final double TRADE_PROBABILITY = 0.6;
    /** Spread as a fraction of premium: tight at the money, wider towards the wings. */
    private static final double ATM_SPREAD = 0.001;
    private static final double WING_SPREAD = 0.004;
    private static final int MAX_SPREAD_TICKS = 100;
    /** Mean-reverting wiggle of each contract's volatility around the smile, in volatility units. */
    private static final double VOL_NOISE_REVERSION = 0.97;
    private static final double VOL_NOISE_STEP = 0.00015;
    /** Log-moneyness over which open interest fades: about 1,000 NIFTY points. */
    private static final double OI_WIDTH = 0.04;

    private final SimulatedSymbol symbol;
    private final SimulatedIndex index;
    private final SplittableRandom random;
    private final int lot;
    /** Whole-book quantity as a multiple of the top five levels. */
    private final int bookMultiple;
    private final long prevClose;
    private final long upperCircuit;
    private final long open;
    private long ltp;
    private long high;
    private long low;
    private long lastQuantity;
    /** Exchange time of the last trade; never goes backwards, even if the clock does. */
    private long lastTradeMillis;
    /** Ticks since creation: tells a consumer whether it has seen this book already. */
    private long sequence;
    private long volume;
    private double turnoverPaise;
    private long oi;
    private double volNoise;
    private final long[] bidPrice = new long[MarketSnapshot.LEVELS];
    private final long[] bidQuantity = new long[MarketSnapshot.LEVELS];
    private final int[] bidOrders = new int[MarketSnapshot.LEVELS];
    private final long[] askPrice = new long[MarketSnapshot.LEVELS];
    private final long[] askQuantity = new long[MarketSnapshot.LEVELS];
    private final int[] askOrders = new int[MarketSnapshot.LEVELS];

    /**
     * @param spot          index level now
     * @param prevCloseSpot index level at yesterday's close; open interest centres on it, so max pain sits
     *                      near the money and stays put while the index wanders
     */
    OptionState(SimulatedSymbol symbol, long seed, double spot, double prevCloseSpot, Instant now) {
        this.symbol = symbol;
        this.index = symbol.index();
        this.random = new SplittableRandom(seed);
        this.lot = index.lotSize;
        this.bookMultiple = 3 + random.nextInt(5);
        double years = Expiries.yearsToExpiry(symbol.expiry(), now);
        double yesterday = fairValue(prevCloseSpot, years + 1.0 / 365, 0.0);
        this.prevClose = Math.max(MIN_PRICE, Paise.roundToTick(yesterday));
        this.upperCircuit = Paise.roundToTick(3 * Paise.toRupees(prevClose) + 0.01 * prevCloseSpot);
        double fair = fairValue(spot, years, 0.0);
        this.open = Math.max(MIN_PRICE, Paise.roundToTick(fair * (1 + 0.03 * random.nextGaussian())));
        this.ltp = Math.max(MIN_PRICE, Paise.roundToTick(fair));
        this.high = Math.max(open, ltp);
        this.low = Math.min(open, ltp);
        this.oi = initialOi(prevCloseSpot, years);
        this.volume = lots(oi / lot * (0.5 + 2.5 * random.nextDouble()));
        this.turnoverPaise = (double) volume * ltp;
        this.lastQuantity = lot;
        this.lastTradeMillis = now.toEpochMilli();
        quote(spot, fair);
    }

    /**
     * Re-prices off {@code spot}, maybe trades, and copies the result out, all under one lock. A {@code bookFactor}
     * other than 1 quotes the book that far from fair value and trades nothing: the last trade stays where it was.
     */
    synchronized void tick(double spot, Instant now, MarketSnapshot out, double bookFactor) {
        volNoise = VOL_NOISE_REVERSION * volNoise + VOL_NOISE_STEP * random.nextGaussian();
        double fair = fairValue(spot, Expiries.yearsToExpiry(symbol.expiry(), now), volNoise);
        quote(spot, bookFactor == 1 ? fair : Math.max(Paise.toRupees(MIN_PRICE), fair * bookFactor));
        if (random.nextDouble() < TRADE_PROBABILITY && bookFactor == 1) {
            trade(now.toEpochMilli(), spot);
        }
        sequence++;
        copyTo(out, now.toEpochMilli());
    }

    /** The state as of the last tick, without moving the market: what an order placed now trades against. */
    synchronized void read(Instant now, MarketSnapshot out) {
        copyTo(out, now.toEpochMilli());
    }

    private double fairValue(double spot, double years, double volShift) {
        double strike = symbol.strike();
        double vol = Math.max(0.01, index.vol(strike, spot) + volShift);
        return Math.max(Paise.toRupees(MIN_PRICE), Black76.price(symbol.call(), spot, strike, years, vol, 0.0));
    }

    private void quote(double spot, double fair) {
        double distance = Math.abs(Math.log(symbol.strike() / spot));
        double spreadFraction = ATM_SPREAD + WING_SPREAD * Math.min(1.0, distance / 0.1);
        int spreadTicks = (int) Math.max(1, Math.min(MAX_SPREAD_TICKS,
                Math.round(fair * 100 * spreadFraction / Paise.TICK)));
        long bid = Math.max(MIN_PRICE, Paise.floorToTick(fair - spreadTicks * Paise.TICK / 200.0));
        long ask = bid + spreadTicks * Paise.TICK;
        long gap = Math.max(1, spreadTicks / 3) * Paise.TICK;
        int maxLots = maxLots(distance);
        for (int i = 0; i < MarketSnapshot.LEVELS; i++) {
            long bidLevel = bid - i * gap;
            if (bidLevel >= MIN_PRICE) {
                bidPrice[i] = bidLevel;
                bidQuantity[i] = (long) lot * (1 + random.nextInt(maxLots));
                bidOrders[i] = orders(bidQuantity[i]);
            } else {
                bidPrice[i] = 0;
                bidQuantity[i] = 0;
                bidOrders[i] = 0;
            }
            askPrice[i] = ask + i * gap;
            askQuantity[i] = (long) lot * (1 + random.nextInt(maxLots));
            askOrders[i] = orders(askQuantity[i]);
        }
    }

    private void trade(long nowMillis, double spot) {
        boolean buyerInitiated = random.nextBoolean();
        long price = buyerInitiated ? askPrice[0] : bidPrice[0];
        long quantity = (long) lot * (1 + random.nextInt(Math.max(1, maxLots(Math.abs(Math.log(symbol.strike() / spot))) / 2)));
        ltp = price;
        high = Math.max(high, price);
        low = Math.min(low, price);
        lastQuantity = quantity;
        lastTradeMillis = Math.max(lastTradeMillis, nowMillis);
        volume += quantity;
        turnoverPaise += (double) quantity * price;
        oi = Math.max(lot, oi + (long) lot * (random.nextInt(5) - 2));
    }

    private void copyTo(MarketSnapshot out, long nowMillis) {
        out.prices(symbol, sequence, nowMillis, lastTradeMillis, ltp, open, high, low, prevClose);
        out.volume = volume;
        out.lastQuantity = lastQuantity;
        out.averagePrice = volume == 0 ? 0 : Math.round(turnoverPaise / volume);
        long buy = 0;
        long sell = 0;
        for (int i = 0; i < MarketSnapshot.LEVELS; i++) {
            out.bidPrice[i] = bidPrice[i];
            out.bidQuantity[i] = bidQuantity[i];
            out.bidOrders[i] = bidOrders[i];
            out.askPrice[i] = askPrice[i];
            out.askQuantity[i] = askQuantity[i];
            out.askOrders[i] = askOrders[i];
            buy += bidQuantity[i];
            sell += askQuantity[i];
        }
        out.totalBuyQuantity = buy * bookMultiple;
        out.totalSellQuantity = sell * bookMultiple;
        out.hasOi = true;
        out.oi = oi;
        out.upperCircuit = upperCircuit;
        out.lowerCircuit = MIN_PRICE;
    }

    /**
     * Writers sell out-of-the-money strikes, so calls above and puts below the money hold most open
     * interest; round strikes attract more; near expiries more than far ones.
     */
    private long initialOi(double centre, double years) {
        double x = Math.log(symbol.strike() / centre);
        double lots = index.atmOiLots * Math.exp(-(x / OI_WIDTH) * (x / OI_WIDTH));
        boolean outOfTheMoney = symbol.call() == (symbol.strike() > centre);
        lots *= outOfTheMoney ? 1.0 : 0.35;
        if (symbol.strike() % (index.strikeStep * 10) == 0) {
            lots *= 1.6;
        } else if (symbol.strike() % (index.strikeStep * 2) == 0) {
            lots *= 1.15;
        }
        lots *= 1.0 / (1.0 + 0.25 * years * 52);
        lots *= 0.7 + 0.6 * random.nextDouble();
        return lots(lots);
    }

    private long lots(double count) {
        return Math.max(1, Math.round(count)) * lot;
    }

    private static int maxLots(double distance) {
        return 5 + (int) (45 * Math.exp(-(distance / 0.05) * (distance / 0.05)));
    }

    private int orders(long quantity) {
        long lots = quantity / lot;
        return 1 + random.nextInt((int) Math.min(lots, 12));
    }
}
