package io.optionchain.simulator.market;

import io.optionchain.options.Black76;
import io.optionchain.simulator.MarketDates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The market model at every {@link MarketDates} time, the clock frozen there so a path replays: the same
 * invariants must hold a week before an expiry, a minute before its close and across a year end.
 */
@ParameterizedClass(name = "at {0}")
@FieldSource("io.optionchain.simulator.MarketDates#ALL")
class MarketModelTest {
    private static final SimulatedSymbol NIFTY = SimulatedSymbol.index(SimulatedIndex.NIFTY);
    private static final SimulatedSymbol BANKNIFTY = SimulatedSymbol.index(SimulatedIndex.BANKNIFTY);

    private final MarketDates.Pinned date;
    private final Clock clock;
    /** NIFTY's nearest listed expiry at the pinned time. */
    private final LocalDate nearest;

    MarketModelTest(MarketDates.Pinned date) {
        this.date = date;
        this.clock = date.frozen();
        this.nearest = Expiries.options(SimulatedIndex.NIFTY, clock.instant()).get(0);
    }

    private SimulatedSymbol nifty(int strike, boolean call) {
        return SimulatedSymbol.option(SimulatedIndex.NIFTY, nearest, strike, call);
    }

    /** A fingerprint of every tick of a fixed sequence: index, two options, now and then the other index. */
    private List<String> path(long seed) {
        MarketModel model = new MarketModel(seed, clock);
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
        MarketModel first = new MarketModel(7, clock);
        MarketModel second = new MarketModel(7, clock);
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
        MarketModel model = new MarketModel(11, clock);
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
        MarketModel model = new MarketModel(7, clock);
        MarketSnapshot s = new MarketSnapshot();
        model.tick(NIFTY, s);
        double spot = model.indexLevel(SimulatedIndex.NIFTY);
        double years = Expiries.yearsToExpiry(nearest, clock.instant());
        for (int strike = 24_000; strike <= 25_000; strike += 250) {
            for (boolean call : new boolean[] {true, false}) {
                model.tick(nifty(strike, call), s);
                double mid = (s.bidPrice[0] + s.askPrice[0]) / 200.0;
                double fair = Black76.price(call, spot, strike, years, SimulatedIndex.NIFTY.vol(strike, spot), 0.0);
                // The book is quoted around fair value, floored at one tick; its volatility wiggles a little.
                assertThat(mid).as("%s mid against Black-76 %s", s.symbol.symbol(), fair)
                        .isCloseTo(Math.max(0.05, fair), within(0.10 + 0.01 * fair));
            }
        }
    }

    @Test
    void shouldHoldMostOpenInterestNearTheMoney() {
        MarketModel model = new MarketModel(7, clock);
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
        MarketModel model = new MarketModel(7, clock);
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
        MarketModel model = new MarketModel(7, clock);
        List<LocalDate> monthlies = model.optionExpiries(SimulatedIndex.BANKNIFTY);
        LocalDate monthly = monthlies.get(0);
        LocalDate weeklyOnly = model.optionExpiries(SimulatedIndex.NIFTY).stream()
                .filter(d -> !monthlies.contains(d)).findFirst().orElseThrow();
        assertThat(model.isListed(nifty(24_500, true))).isTrue();
        assertThat(model.isListed(nifty(24_525, true))).as("off the grid").isFalse();
        assertThat(model.isListed(nifty(40_000, true))).as("out of range").isFalse();
        assertThat(model.isListed(option(SimulatedIndex.NIFTY, nearest.plusDays(1), 24_500))).as("a Wednesday")
                .isFalse();
        assertThat(model.isListed(option(SimulatedIndex.NIFTY, nearest.minusWeeks(1), 24_500))).as("expired")
                .isFalse();
        assertThat(model.isListed(option(SimulatedIndex.BANKNIFTY, monthly, 52_000))).isTrue();
        assertThat(model.isListed(option(SimulatedIndex.BANKNIFTY, weeklyOnly, 52_000))).as("no weeklies")
                .isFalse();
        assertThat(model.isListed(option(SimulatedIndex.BANKNIFTY, monthly, 52_050))).as("off the grid").isFalse();
        String text = nifty(24_500, true).symbol();
        assertThat(model.resolve(text, "NFO")).hasValue(nifty(24_500, true));
        assertThat(model.resolve(text, "NSE")).isEmpty();
    }

    @Test
    void shouldListEightWeekliesAndThreeMonthliesAllStillLive() {
        MarketModel model = new MarketModel(7, clock);
        List<LocalDate> monthlies = model.optionExpiries(SimulatedIndex.BANKNIFTY);
        List<LocalDate> nifty = model.optionExpiries(SimulatedIndex.NIFTY);

        assertThat(monthlies).hasSize(Expiries.MONTHLY_COUNT).isSorted()
                .allSatisfy(d -> assertThat(d).isEqualTo(Expiries.lastTuesday(YearMonth.from(d))))
                .allSatisfy(d -> assertThat(Expiries.isLive(d, clock.instant())).isTrue());
        assertThat(YearMonth.from(monthlies.get(2))).isEqualTo(YearMonth.from(monthlies.get(0)).plusMonths(2));
        assertThat(model.futureExpiries()).isEqualTo(monthlies);
        assertThat(nifty).isSorted().doesNotHaveDuplicates().containsAll(monthlies)
                .allSatisfy(d -> assertThat(d.getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY))
                .allSatisfy(d -> assertThat(Expiries.isLive(d, clock.instant())).isTrue());
        LocalDate today = clock.instant().atZone(Expiries.EXCHANGE_ZONE).toLocalDate();
        assertThat(nearest).isBetween(today, today.plusDays(7));
        for (int week = 0; week < Expiries.WEEKLY_COUNT; week++) {
            assertThat(nifty).contains(nearest.plusWeeks(week));
        }
    }

    @Test
    void shouldMoveTheIndexVisiblyButNotWildly() {
        MarketModel model = new MarketModel(7, clock);
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

    private static SimulatedSymbol option(SimulatedIndex index, LocalDate expiry, int strike) {
        return SimulatedSymbol.option(index, expiry, strike, true);
    }
}
