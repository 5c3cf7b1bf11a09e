package io.optionchain.simulator;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MarketModelTest {
    /** Wednesday 25 Nov 2026, 09:30 IST. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T04:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate WEEKLY = LocalDate.of(2026, 12, 1);
    private static final SimulatedSymbol NIFTY = SimulatedSymbol.index(SimulatedIndex.NIFTY);
    private static final SimulatedSymbol BANKNIFTY = SimulatedSymbol.index(SimulatedIndex.BANKNIFTY);

    private static SimulatedSymbol nifty(int strike, boolean call) {
        return SimulatedSymbol.option(SimulatedIndex.NIFTY, WEEKLY, strike, call);
    }

    /** A fingerprint of every tick of a fixed sequence: index, two options, now and then the other index. */
    private static List<String> path(long seed) {
        MarketModel model = new MarketModel(seed, CLOCK);
        MarketSnapshot s = new MarketSnapshot();
        List<String> path = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            for (SimulatedSymbol symbol : i % 10 == 0
                    ? List.of(NIFTY, nifty(24_500, true), nifty(24_400, false), BANKNIFTY)
                    : List.of(NIFTY, nifty(24_500, true), nifty(24_400, false))) {
                model.tick(symbol, s);
                path.add(symbol.symbol() + " " + s.ltp + " " + s.bidPrice[0] + "x" + s.askPrice[0] + " "
                        + s.bidQuantity[2] + " " + s.volume + " " + s.oi);
            }
        }
        return path;
    }

    @Test
    void shouldReplayTheSamePathFromTheSameSeed() {
        assertThat(path(7)).isEqualTo(path(7));
    }

    @Test
    void shouldTakeADifferentPathFromAnotherSeed() {
        assertThat(path(8)).isNotEqualTo(path(7));
    }

    @Test
    void shouldGiveEachOptionItsOwnStreamWhateverTheOrderOfFirstUse() {
        MarketModel first = new MarketModel(7, CLOCK);
        MarketModel second = new MarketModel(7, CLOCK);
        MarketSnapshot a = new MarketSnapshot();
        MarketSnapshot b = new MarketSnapshot();
        first.tick(nifty(24_500, true), a);
        first.tick(nifty(24_600, true), a);
        second.tick(nifty(24_600, true), b);
        second.tick(nifty(24_500, true), b);
        for (int i = 0; i < 20; i++) {
            first.tick(nifty(24_600, true), a);
            second.tick(nifty(24_600, true), b);
            assertThat(b.ltp).isEqualTo(a.ltp);
            assertThat(b.bidQuantity).isEqualTo(a.bidQuantity);
        }
    }

    @Test
    void shouldQuoteSaneBooksAcrossTheChain() {
        MarketModel model = new MarketModel(11, CLOCK);
        MarketSnapshot s = new MarketSnapshot();
        for (int strike = 18_000; strike <= 31_000; strike += 250) {
            for (boolean call : new boolean[] {true, false}) {
                SimulatedSymbol option = nifty(strike, call);
                for (int tick = 0; tick < 5; tick++) {
                    model.tick(NIFTY, s);
                    model.tick(option, s);
                    assertThat(s.ltp).isGreaterThanOrEqualTo(Paise.TICK);
                    assertThat(s.ltp % Paise.TICK).isZero();
                    assertThat(s.bidPrice[0]).isGreaterThanOrEqualTo(Paise.TICK).isLessThan(s.askPrice[0]);
                    for (int level = 0; level < MarketSnapshot.LEVELS; level++) {
                        assertThat(s.askPrice[level] % Paise.TICK).isZero();
                        assertThat(s.bidPrice[level] % Paise.TICK).isZero();
                        assertThat(s.askQuantity[level] % SimulatedIndex.NIFTY.lotSize).isZero();
                        assertThat(s.bidQuantity[level] % SimulatedIndex.NIFTY.lotSize).isZero();
                        if (level > 0) {
                            assertThat(s.askPrice[level]).isGreaterThan(s.askPrice[level - 1]);
                            if (s.bidPrice[level] > 0) {
                                assertThat(s.bidPrice[level]).isLessThan(s.bidPrice[level - 1]);
                            }
                        }
                    }
                    assertThat(s.oi % SimulatedIndex.NIFTY.lotSize).isZero();
                }
            }
        }
    }

    @Test
    void shouldPriceOptionsNearBlack76AroundTheIndex() {
        MarketModel model = new MarketModel(7, CLOCK);
        MarketSnapshot s = new MarketSnapshot();
        model.tick(NIFTY, s);
        double spot = model.indexLevel(SimulatedIndex.NIFTY);
        model.tick(nifty(24_500, true), s);
        double call = (s.bidPrice[0] + s.askPrice[0]) / 200.0;
        model.tick(nifty(24_500, false), s);
        double put = (s.bidPrice[0] + s.askPrice[0]) / 200.0;
        // Put-call parity with zero rates: C - P = F - K, within a few spreads.
        assertThat(call - put).isCloseTo(spot - 24_500, within(3.0));
        assertThat(call).isBetween(30.0, 400.0);
    }

    @Test
    void shouldHoldMostOpenInterestNearTheMoney() {
        MarketModel model = new MarketModel(7, CLOCK);
        MarketSnapshot s = new MarketSnapshot();
        model.tick(nifty(24_500, true), s);
        long atm = s.oi;
        model.tick(nifty(24_500, false), s);
        atm += s.oi;
        model.tick(nifty(26_500, true), s);
        long far = s.oi;
        model.tick(nifty(22_500, false), s);
        far += s.oi;
        assertThat(atm).isGreaterThan(10 * far);
    }

    @Test
    void shouldReadTheIndexForRestWithoutSteppingIt() {
        MarketModel model = new MarketModel(7, CLOCK);
        MarketSnapshot s = new MarketSnapshot();
        model.tick(NIFTY, s);
        long ltp = s.ltp;
        for (int i = 0; i < 10; i++) {
            model.quote(NIFTY, s);
        }
        assertThat(s.ltp).isEqualTo(ltp);
        model.tick(NIFTY, s);
        assertThat(s.ltp).isNotEqualTo(ltp);
    }

    @Test
    void shouldListOnlyGridStrikesWithinRangeOnListedExpiries() {
        MarketModel model = new MarketModel(7, CLOCK);
        assertThat(model.resolve("NIFTY01DEC2624500CE", "NFO")).isPresent();
        assertThat(model.resolve("NIFTY01DEC2624525CE", "NFO")).isEmpty();
        assertThat(model.resolve("NIFTY01DEC2640000CE", "NFO")).isEmpty();
        assertThat(model.resolve("NIFTY02DEC2624500CE", "NFO")).isEmpty();
        assertThat(model.resolve("NIFTY24NOV2624500CE", "NFO")).isEmpty();
        assertThat(model.resolve("BANKNIFTY29DEC2652000CE", "NFO")).isPresent();
        assertThat(model.resolve("BANKNIFTY01DEC2652000CE", "NFO")).isEmpty();
        assertThat(model.resolve("BANKNIFTY29DEC2652050CE", "NFO")).isEmpty();
    }

    @Test
    void shouldMoveTheIndexVisiblyButNotWildly() {
        MarketModel model = new MarketModel(7, CLOCK);
        MarketSnapshot s = new MarketSnapshot();
        double start = model.indexLevel(SimulatedIndex.NIFTY);
        double largestStep = 0;
        for (int i = 0; i < 600; i++) {
            double before = model.indexLevel(SimulatedIndex.NIFTY);
            model.tick(NIFTY, s);
            largestStep = Math.max(largestStep, Math.abs(model.indexLevel(SimulatedIndex.NIFTY) - before));
        }
        assertThat(model.indexLevel(SimulatedIndex.NIFTY)).isNotEqualTo(start).isBetween(start * 0.95, start * 1.05);
        assertThat(largestStep).isBetween(1.0, 40.0);
        assertThat(s.hasOi).isFalse();
        assertThat(s.bidPrice).containsOnly(0L);
    }
}
