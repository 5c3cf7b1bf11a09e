package io.optionchain.simulator;

import io.optionchain.simulator.market.Expiries;
import io.optionchain.simulator.market.SimulatedIndex;
import io.optionchain.simulator.market.SimulatedSymbol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * NIFTY contracts as a test over the running simulator needs them: listed now and still listed when the
 * test ends, whatever the day and hour.
 */
public final class Listed {
    /**
     * A test lasts well under this. An expiry closer than this to its cut-off is passed over, so a contract
     * a test picks at 15:29:59 on expiry day is not delisted under it.
     */
    public static final Duration TEST_SPAN = Duration.ofSeconds(30);
    private static final SimulatedIndex NIFTY = SimulatedIndex.NIFTY;

    private Listed() {
    }

    static LocalDate nearestExpiry(OpenAlgoSimulator simulator) {
        return nearestExpiry(simulator.config().clock(), simulator.expiries(NIFTY.name()));
    }

    private static LocalDate nearestExpiry(Clock clock, List<LocalDate> expiries) {
        Instant end = clock.instant().plus(TEST_SPAN);
        return expiries.stream()
                .filter(expiry -> Expiries.isLive(expiry, end))
                .findFirst().orElseThrow();
    }

    /** The listed strike nearest the index, {@code steps} strikes above it (below when negative). */
    public static int strike(OpenAlgoSimulator simulator, int steps) {
        return strike(simulator.indexPrice(NIFTY.name()), steps);
    }

    private static int strike(double nifty, int steps) {
        long atm = Math.round(nifty / NIFTY.strikeStep);
        return (int) (atm + steps) * NIFTY.strikeStep;
    }

    public static String option(OpenAlgoSimulator simulator, int strike, boolean call) {
        return SimulatedSymbol.option(NIFTY, nearestExpiry(simulator), strike, call).symbol();
    }

    public static String atmCall(OpenAlgoSimulator simulator) {
        return option(simulator, strike(simulator, 0), true);
    }

    /**
     * A call four strikes in the money: it keeps its intrinsic value on expiry day, so all its bid levels
     * exist, where an at-the-money call may be worth the minimum tick near the close.
     */
    public static String inTheMoneyCall(OpenAlgoSimulator simulator) {
        return option(simulator, strike(simulator, -4), true);
    }

    /** {@link #inTheMoneyCall(OpenAlgoSimulator)} in the market every account of {@code brokers} quotes. */
    public static String inTheMoneyCall(SimulatedBrokers brokers) {
        LocalDate expiry = nearestExpiry(brokers.config().clock(), brokers.expiries(NIFTY.name()));
        return SimulatedSymbol.option(NIFTY, expiry, strike(brokers.indexPrice(NIFTY.name()), -4), true).symbol();
    }
}
