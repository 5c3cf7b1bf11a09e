package io.optionchain.engine.chain;

import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.tick.TickEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The header numbers of a chain (ATM IV, straddle and its change, synthetic future, GEX, OI change) from a
 * window quoted by hand, and the OI change's baseline across days and restarts, in a chain-state file on disk.
 */
class ChainAnalyticsTest {
    private static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");
    private static final LocalDate EXPIRY = LocalDate.of(2025, 11, 25);
    private static final ZonedDateTime MONDAY = ZonedDateTime.of(2025, 11, 17, 10, 0, 0, 0, INDIA);
    private static final ZonedDateTime TUESDAY = MONDAY.plusDays(1);
    private static final Underlying NIFTY = new Underlying("NIFTY", "NSE_INDEX", "NFO", 65, new BigDecimal("50"), 20, 1);
    private static final String ATM_CE = "NIFTY25NOV2524500CE";
    private static final String ATM_PE = "NIFTY25NOV2524500PE";
    private static final String WING_CE = "NIFTY25NOV2524700CE";

    @Test
    void shouldReadStraddleSyntheticFutureAndAtmIvOffTheAtmMids(@TempDir Path data) {
        try (Market market = new Market(data)) {
            market.tick("NIFTY", 24_510, 0, 0, 0, -1, MONDAY);
            market.tick(ATM_CE, 120, 119.5, 120.5, 5_000, 100, MONDAY);
            market.tick(ATM_PE, 118, 117, 118, 6_000, 110, MONDAY);

            MarketMetrics metrics = market.chain.snapshot(MONDAY).metrics();
            ChainRow atm = market.chain.snapshot(MONDAY).rows().get(20);

            assertThat(metrics.straddle()).as("120 + 117.5").isEqualTo(237.5);
            assertThat(metrics.straddleChange()).as("237.5 − (100 + 110)").isEqualTo(27.5);
            assertThat(metrics.syntheticFuture()).as("24,500 + 120 − 117.5").isEqualTo(24_502.5);
            assertThat(metrics.atmIv()).isCloseTo((atm.ce().iv() + atm.pe().iv()) / 2, within(1e-15));
            assertThat(metrics.atmIv()).isBetween(0.05, 0.5);
        }
    }

    @Test
    void shouldLeaveTheStraddleUnknownWhileAnAtmLegIsOneSided(@TempDir Path data) {
        try (Market market = new Market(data)) {
            market.tick("NIFTY", 24_510, 0, 0, 0, -1, MONDAY);
            market.tick(ATM_CE, 120, 119.5, 120.5, 5_000, 100, MONDAY);
            market.tick(ATM_PE, 118, 0, 0, 6_000, 110, MONDAY);

            MarketMetrics metrics = market.chain.snapshot(MONDAY).metrics();

            assertThat(metrics.straddle()).isNull();
            assertThat(metrics.straddleChange()).isNull();
            assertThat(metrics.syntheticFuture()).as("not the index price in its place").isNull();
            assertThat(metrics.atmIv()).as("the call's alone").isEqualTo(market.chain.snapshot(MONDAY).rows()
                    .get(20).ce().iv());
        }
    }

    @Test
    void shouldSumGammaTimesOiTimesLotCallsLessPutsPerStrikeAndOverTheWindow(@TempDir Path data) {
        try (Market market = new Market(data)) {
            market.tick("NIFTY", 24_510, 0, 0, 0, -1, MONDAY);
            market.tick(ATM_CE, 120, 119.5, 120.5, 5_000, 100, MONDAY);
            market.tick(ATM_PE, 118, 117, 118, 6_000, 110, MONDAY);
            market.tick(WING_CE, 45, 44.5, 45.5, 9_000, 40, MONDAY);

            ChainSnapshot snapshot = market.chain.snapshot(MONDAY);
            ChainRow atm = snapshot.rows().get(20);
            ChainRow wing = snapshot.rows().get(24);
            double atmGex = atm.ce().greeks().gamma() * 5_000 * 65 - atm.pe().greeks().gamma() * 6_000 * 65;
            double wingGex = wing.ce().greeks().gamma() * 9_000 * 65;

            assertThat(atm.gex(65)).isCloseTo(atmGex, within(1e-9));
            assertThat(wing.gex(65)).as("its put never quoted adds nothing").isCloseTo(wingGex, within(1e-9));
            assertThat(snapshot.rows().get(0).gex(65)).as("no leg quoted").isNull();
            assertThat(snapshot.metrics().gex()).isCloseTo(atmGex + wingGex, within(1e-9));
            assertThat(atmGex).as("more put than call OI at ATM").isNegative();
        }
    }

    @Test
    void shouldMeasureTheFirstDaysOiChangeFromTheSessionsFirstTick(@TempDir Path data) {
        try (Market market = new Market(data)) {
            market.tick(ATM_CE, 120, 119.5, 120.5, 5_000, 100, MONDAY);
            market.tick(ATM_CE, 121, 120.5, 121.5, 5_650, 100, MONDAY.plusMinutes(5));
            market.tick(ATM_PE, 118, 117, 118, 6_000, 110, MONDAY.plusMinutes(5));

            ChainSnapshot snapshot = market.chain.snapshot(MONDAY.plusMinutes(6));

            assertThat(snapshot.rows().get(20).ce().oiChange())
                    .isEqualTo(new LegQuote.OiChange(650, OiChangeBasis.SESSION_START));
            assertThat(snapshot.rows().get(20).pe().oiChange().contracts()).isZero();
            assertThat(snapshot.rows().get(24).ce().oiChange()).as("never ticked").isNull();
            assertThat(snapshot.metrics().totalOiChange()).isEqualTo(650);
            assertThat(snapshot.metrics().oiChangeSince()).isEqualTo(OiChangeBasis.SESSION_START);
        }
    }

    @Test
    void shouldMeasureTheNextDaysOiChangeFromThePreviousSessionsLastOiAcrossARestart(@TempDir Path data) {
        try (Market market = new Market(data)) {
            market.tick(ATM_CE, 120, 119.5, 120.5, 5_000, 100, MONDAY);
            market.tick(ATM_CE, 121, 120.5, 121.5, 5_650, 100, MONDAY.plusHours(5));
        }
        try (Market market = new Market(data)) {
            assertThat(market.chain.snapshot(TUESDAY).rows().get(20).ce().oiChange())
                    .as("no tick today yet: no change to show, not Monday's").isNull();

            market.tick(ATM_CE, 125, 124.5, 125.5, 6_500, 121, TUESDAY);
            market.tick(ATM_PE, 118, 117, 118, 3_000, 110, TUESDAY);   // first heard of today
            assertThat(market.chain.snapshot(TUESDAY).rows().get(20).ce().oiChange())
                    .isEqualTo(new LegQuote.OiChange(850, OiChangeBasis.PREVIOUS_SESSION));
            assertThat(market.chain.snapshot(TUESDAY).metrics().oiChangeSince()).isEqualTo(OiChangeBasis.MIXED);
        }
        try (Market market = new Market(data)) {
            market.tick(ATM_CE, 126, 125.5, 126.5, 6_000, 121, TUESDAY.plusHours(1));
            ChainSnapshot snapshot = market.chain.snapshot(TUESDAY.plusHours(1));

            assertThat(snapshot.rows().get(20).ce().oiChange()).as("a restart today keeps today's baseline")
                    .isEqualTo(new LegQuote.OiChange(350, OiChangeBasis.PREVIOUS_SESSION));
            assertThat(snapshot.rows().get(20).pe().oiChange())
                    .isEqualTo(new LegQuote.OiChange(0, OiChangeBasis.SESSION_START));
            assertThat(snapshot.metrics().totalOiChange()).isEqualTo(350);
        }
    }

    /** Chain state in a data directory and one NIFTY chain over it, as the application opens them. */
    private static final class Market implements AutoCloseable {
        private final InstrumentRegistry registry = new InstrumentRegistry(1_024);
        private final ChainStore store;
        private final OptionChain chain;

        Market(Path data) {
            store = ChainStore.open(data, registry, Clock.fixed(MONDAY.toInstant(), INDIA));
            chain = new OptionChain(NIFTY, EXPIRY, registry.registerIndex("NIFTY", "NSE_INDEX"), registry, store, 2);
            chain.open(24_510, new RecordingFeed());
        }

        /** A tick at {@code at}, with a one-level book when {@code bid} is above 0, and OI unless it is below 0. */
        void tick(String symbol, double ltp, double bid, double ask, long oi, double previousClose,
                  ZonedDateTime at) {
            TickEvent tick = new TickEvent();
            tick.instrumentId = registry.idOf(symbol);
            tick.fields = TickEvent.LTP;
            tick.ltp = ltp;
            if (oi > 0) {
                tick.fields |= TickEvent.OI;
                tick.oi = oi;
            }
            if (previousClose > 0) {
                tick.fields |= TickEvent.OHLC;
                tick.open = ltp;
                tick.high = ltp;
                tick.low = ltp;
                tick.close = previousClose;
            }
            if (bid > 0) {
                tick.fields |= TickEvent.DEPTH;
                tick.bidLevels = 1;
                tick.bidPrice[0] = bid;
                tick.bidQuantity[0] = 65;
                tick.askLevels = 1;
                tick.askPrice[0] = ask;
                tick.askQuantity[0] = 130;
            }
            store.apply(tick, at.toInstant().toEpochMilli());
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
