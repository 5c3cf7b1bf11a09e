package io.optionchain.simulator.market;

import java.util.SplittableRandom;

/**
 * The level of one index, a geometric Brownian motion advanced one fixed step per index tick. Steps do
 * not depend on wall time, so a seed and a count of ticks replay the same path.
 */
final class IndexState {
    /** Market time one index tick stands for; the publisher ticks each index about this often. */
    static final double STEP_SECONDS = 0.1;
    /**
     * Market time runs this much faster than real time, so a 13% annual volatility moves NIFTY about
     * 12 points a second and the at-the-money strike changes every few seconds, visible in a short test.
     */
    static final double SPEEDUP = 80.0;
    private static final double TRADING_SECONDS_PER_YEAR = 252 * 6.25 * 3600;
    /** Spread of yesterday's close around the start level, as a fraction. */
    private static final double PREV_CLOSE_SPREAD = 0.004;

    private final SimulatedSymbol symbol;
    private final SplittableRandom random;
    private final double stepSigma;
    private final double prevCloseLevel;
    private final long prevClose;
    private final long open;
    private double level;
    private long ltp;
    private long high;
    private long low;
    /** Time of the last tick, which for an index is its last "trade"; never goes backwards. */
    private long lastTradeMillis;
    private long sequence;

    IndexState(SimulatedIndex index, long seed) {
        this.symbol = SimulatedSymbol.index(index);
        this.random = new SplittableRandom(seed);
        this.stepSigma = index.atmVol * Math.sqrt(STEP_SECONDS * SPEEDUP / TRADING_SECONDS_PER_YEAR);
        this.prevCloseLevel = index.startLevel * (1 + PREV_CLOSE_SPREAD * random.nextGaussian());
        this.prevClose = Paise.roundToTick(prevCloseLevel);
        this.level = index.startLevel;
        this.open = Paise.roundToTick(level);
        this.ltp = open;
        this.high = open;
        this.low = open;
    }

    synchronized double level() {
        return level;
    }

    double prevCloseLevel() {
        return prevCloseLevel;
    }

    /** Advances one step and copies the result out, atomically with respect to other ticks and reads. */
    synchronized void tick(long nowMillis, MarketSnapshot out) {
        double z = random.nextGaussian();
        level *= Math.exp(-0.5 * stepSigma * stepSigma + stepSigma * z);
        ltp = Paise.roundToTick(level);
        high = Math.max(high, ltp);
        low = Math.min(low, ltp);
        lastTradeMillis = Math.max(lastTradeMillis, nowMillis);
        sequence++;
        copyTo(nowMillis, out);
    }

    synchronized void copyTo(long nowMillis, MarketSnapshot out) {
        out.prices(symbol, sequence, nowMillis, lastTradeMillis == 0 ? nowMillis : lastTradeMillis, ltp, open, high,
                low, prevClose);
        out.volume = 0;
        out.lastQuantity = 0;
        out.averagePrice = 0;
        out.totalBuyQuantity = 0;
        out.totalSellQuantity = 0;
        out.hasOi = false;
        out.oi = 0;
        out.upperCircuit = 0;
        out.lowerCircuit = 0;
        out.clearDepth();
    }
}
