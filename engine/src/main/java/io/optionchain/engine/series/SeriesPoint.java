package io.optionchain.engine.series;

import io.optionchain.engine.chain.ChainSnapshot;
import io.optionchain.engine.chain.MarketMetrics;

import java.time.Instant;

/**
 * One moment of a chain's day, as the day's charts draw it: the header numbers of one {@link ChainSnapshot}, so
 * the values of a point agree with each other. A value the snapshot did not know is null here too, never 0.
 *
 * @param time            when the snapshot was read
 * @param index           the index LTP
 * @param atm             the ATM strike
 * @param atmIv           ATM IV as a fraction a year, as {@link MarketMetrics#atmIv}
 * @param straddle        ATM call mid + ATM put mid
 * @param syntheticFuture ATM strike + call mid − put mid
 * @param pcr             put OI over call OI across the window
 * @param pcrVolume       put volume over call volume across the window
 * @param maxPain         the strike at which holders would be paid the least at expiry
 * @param totalOiChange   the window's OI change today
 */
public record SeriesPoint(Instant time, Double index, double atm, Double atmIv, Double straddle,
                          Double syntheticFuture, Double pcr, Double pcrVolume, Double maxPain, Long totalOiChange) {

    /** The point {@code snapshot} makes, stamped {@code time} (the instant it was read at). */
    public static SeriesPoint of(ChainSnapshot snapshot, Instant time) {
        MarketMetrics metrics = snapshot.metrics();
        return new SeriesPoint(time, snapshot.underlyingLtp(), snapshot.atmStrike(), metrics.atmIv(),
                metrics.straddle(), metrics.syntheticFuture(), metrics.pcr(), metrics.pcrVolume(), metrics.maxPain(),
                metrics.totalOiChange());
    }
}
