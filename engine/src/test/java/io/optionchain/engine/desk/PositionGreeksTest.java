package io.optionchain.engine.desk;

import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.ChainRow;
import io.optionchain.engine.chain.ChainSnapshot;
import io.optionchain.engine.chain.LegGreeks;
import io.optionchain.engine.chain.OptionChain;
import io.optionchain.engine.chain.PricingInputs;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.market.ExpiryDates;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.ports.MarketDataFeed;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.NetGreeks;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.StrategyPnl;
import io.optionchain.options.Black76;
import io.optionchain.options.Greeks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;

import static io.optionchain.engine.positions.PositionSide.LONG;
import static io.optionchain.engine.positions.PositionSide.SHORT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Net delta, gamma, theta and vega of positions, strategies and the book, priced on the real chain of each leg
 * (chain state written by stage 1, the chain's own snapshot code): a leg's Greeks are the ones the chain shows for
 * it, times the units held, + long and − short.
 */
class PositionGreeksTest {
    /** A week and six hours after the rig's start, 25 Nov 2025 09:30 IST: time enough for far strikes to have value. */
    private static final LocalDate EXPIRY = LocalDate.of(2025, 12, 2);
    private static final String CE = "NIFTY02DEC2524500CE";
    private static final String PE = "NIFTY02DEC2524500PE";
    private static final String CE_OTM = "NIFTY02DEC2524600CE";
    /** 25 strikes above ATM: outside the window (ATM ± 20) and its subscribed band, held only by a position. */
    private static final String CE_FAR = "NIFTY02DEC2525750CE";

    @TempDir
    Path data;
    private RiskRig rig;
    private OptionChain chain;

    @BeforeEach
    void openTheChainAndItsQuotes() {
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker());
        ChainBook book = new ChainBook(rig.registry, List.of("NIFTY", "BANKNIFTY"));
        book.useInterestRate(6.5);
        chain = new OptionChain(RiskRig.NIFTY, EXPIRY, rig.registry.registerIndex("NIFTY", "NSE_INDEX"), rig.registry,
                rig.store, 2);
        book.add(chain);
        chain.open(24_500, new MarketDataFeed() {
            @Override
            public void subscribe(Collection<Instrument> instruments, FeedMode mode) {
            }

            @Override
            public void unsubscribe(Collection<Instrument> instruments, FeedMode mode) {
            }
        });
        rig.chains = book;
        rig.restart();
        rig.trade("NIFTY", 24_500);
        rig.quote(CE, 208, 209);
        rig.quote(PE, 205, 206);
        rig.quote(CE_OTM, 160, 161);
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void shouldGiveAShortStraddleTheSumOfItsLegsChainGreeksTimesTheUnitsSold() {
        long straddle = rig.open("short-straddle", ExitRules.stopAt(1_000), SHORT, 150, 207, CE, PE).id();
        long hedge = rig.open("hedge", ExitRules.stopAt(50), LONG, 75, 161, CE_OTM).id();

        ChainSnapshot snapshot = chain.snapshot(now());
        LegGreeks call = row(snapshot, 24_500).ce().greeks();
        LegGreeks put = row(snapshot, 24_500).pe().greeks();
        LegGreeks otm = row(snapshot, 24_600).ce().greeks();
        assertThat(List.of(call, put, otm)).as("the chain prices every leg").doesNotContainNull();
        NetGreeks sold = new NetGreeks(-150 * call.delta() + -150 * put.delta(),
                -150 * call.gamma() + -150 * put.gamma(), -150 * call.theta() + -150 * put.theta(),
                -150 * call.vega() + -150 * put.vega());
        NetGreeks bought = new NetGreeks(75 * otm.delta(), 75 * otm.gamma(), 75 * otm.theta(), 75 * otm.vega());

        assertThat(rig.position(straddle).greeks()).isEqualTo(sold);
        assertThat(rig.position(hedge).greeks()).isEqualTo(bought);
        assertThat(sold.gamma()).as("short options lose as the forward moves either way").isNegative();
        assertThat(sold.theta()).as("and gain as days pass: rupees a day").isPositive();
        assertThat(sold.vega()).as("and lose as volatility rises").isNegative();
        assertThat(sold.delta()).as("nearly flat at the money").isBetween(-20.0, 20.0);

        List<StrategyPnl> strategies = rig.desk.pnlByStrategy();
        assertThat(strategies).extracting(StrategyPnl::strategy, StrategyPnl::greeks)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("short-straddle", sold),
                        org.assertj.core.groups.Tuple.tuple("hedge", bought));
        assertThat(StrategyPnl.totalGreeks(strategies)).isEqualTo(new NetGreeks(sold.delta() + bought.delta(),
                sold.gamma() + bought.gamma(), sold.theta() + bought.theta(), sold.vega() + bought.vega()));
    }

    @Test
    void shouldPriceAHeldOptionOutsideTheWindowOnItsChainsForwardTimeAndRate() {
        rig.quote(CE_FAR, 3.9, 4.1);
        long far = rig.open("far", ExitRules.stopAt(1), LONG, 75, 4, CE_FAR).id();

        ChainSnapshot snapshot = chain.snapshot(now());
        assertThat(snapshot.rows()).noneMatch(row -> row.ce().symbol().equals(CE_FAR));
        PricingInputs pricing = snapshot.pricing();
        assertThat(pricing.forward()).as("ATM parity: 24,500 + 208.5 − 205.5").isEqualTo(24_503.0);
        double vol = Black76.impliedVol(true, pricing.forward(), 25_750, pricing.years(), 4.0, pricing.rate());
        assertThat(vol).isBetween(0.05, 1.0);
        Greeks leg = Black76.greeks(true, pricing.forward(), 25_750, pricing.years(), vol, pricing.rate(),
                new Greeks());

        assertThat(rig.position(far).greeks()).isEqualTo(new NetGreeks(75 * leg.delta(), 75 * leg.gamma(),
                75 * leg.theta(), 75 * leg.vega()));
    }

    @Test
    void shouldShowNoGreeksRatherThanAPartialSumWhileAHeldLegHasNone() {
        long straddle = rig.open("short-straddle", ExitRules.stopAt(1_000), SHORT, 75, 207, CE, PE).id();
        long hedge = rig.open("hedge", ExitRules.stopAt(50), LONG, 75, 161, CE_OTM).id();
        long noChain = rig.open("no-chain", ExitRules.stopAt(50), LONG, 35, 300, "BANKNIFTY02DEC2552000CE").id();
        rig.quote("BANKNIFTY02DEC2552000CE", 300, 301);
        assertThat(rig.position(noChain).greeks()).as("no chain open for its expiry: no forward to price it on")
                .isNull();
        rig.desk.cancel(noChain);

        rig.quote(PE, 0, 206);   // the put's bid is gone: no mid, no IV
        assertThat(rig.position(straddle).greeks()).isNull();
        List<StrategyPnl> strategies = rig.desk.pnlByStrategy();
        assertThat(strategies.get(0).greeks()).isNull();
        assertThat(strategies.get(1).greeks()).as("the hedge's own are known").isNotNull();
        assertThat(StrategyPnl.totalGreeks(strategies)).isNull();

        rig.quote(PE, 205, 206);
        assertThat(rig.position(straddle).greeks()).isNotNull();
        assertThat(StrategyPnl.totalGreeks(rig.desk.pnlByStrategy())).isNotNull();

        rig.clock.set(ZonedDateTime.of(EXPIRY, java.time.LocalTime.of(15, 30), ZoneId.of("Asia/Kolkata"))
                .toInstant().toEpochMilli());
        assertThat(rig.position(hedge).greeks()).as("expired: no time left to price on").isNull();
    }

    @Test
    void shouldCountEndedPositionsAsHoldingNothing() {
        long open = rig.open("mixed", ExitRules.stopAt(50), LONG, 75, 161, CE_OTM).id();
        long cancelled = rig.open("mixed", ExitRules.stopAt(50), LONG, 150, 209, CE).id();
        long closed = rig.open("mixed", ExitRules.stopAt(1_000), SHORT, 75, 207, PE).id();
        NetGreeks openAlone = rig.position(open).greeks();
        assertThat(rig.desk.pnlByStrategy().get(0).greeks()).isNotEqualTo(openAlone);

        rig.desk.cancel(cancelled);
        rig.desk.exit(closed);
        rig.work(4, 100);
        assertThat(rig.position(closed).state()).isEqualTo(PositionState.CLOSED);

        assertThat(rig.position(cancelled).greeks()).isEqualTo(NetGreeks.NONE);
        assertThat(rig.position(closed).greeks()).isEqualTo(NetGreeks.NONE);
        assertThat(rig.desk.pnlByStrategy()).singleElement().extracting(StrategyPnl::greeks)
                .isEqualTo(rig.position(open).greeks());
    }

    private ZonedDateTime now() {
        return rig.clock.instant().atZone(ExpiryDates.EXCHANGE_ZONE);
    }

    private static ChainRow row(ChainSnapshot snapshot, double strike) {
        return snapshot.rows().stream().filter(row -> row.strike() == strike).findFirst().orElseThrow();
    }
}
