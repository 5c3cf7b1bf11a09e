package io.optionchain.engine.chain;

import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.options.Black76;
import io.optionchain.options.Greeks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The Greeks a chain snapshot carries per leg, beside its IV, and the inputs it says they came from. */
class ChainGreeksTest {
    private static final LocalDate EXPIRY = LocalDate.of(2025, 11, 25);
    /** A week and four and a half hours before the 15:30 IST cut-off. */
    private static final ZonedDateTime NOW = ZonedDateTime.of(2025, 11, 18, 11, 0, 0, 0, ZoneId.of("Asia/Kolkata"));
    private static final Underlying NIFTY = new Underlying("NIFTY", "NSE_INDEX", "NFO", 75, new BigDecimal("50"), 20, 1);

    private final InstrumentRegistry registry = new InstrumentRegistry(1_024);
    private final ChainStore store = ChainStore.inMemory(1_024);
    private final ChainBook book = new ChainBook(registry, List.of("NIFTY"));
    private final OptionChain chain = new OptionChain(NIFTY, EXPIRY, registry.registerIndex("NIFTY", "NSE_INDEX"),
            registry, store, 2);

    @BeforeEach
    void openAQuotedWindow() {
        book.useInterestRate(6.5);
        book.add(chain);
        chain.open(24_500, new RecordingFeed());
        tick("NIFTY", 24_500.0, 0, 0);
        tick("NIFTY25NOV2524500CE", 120.0, 119.5, 120.5);
        tick("NIFTY25NOV2524500PE", 118.0, 117.5, 118.5);
        tick("NIFTY25NOV2524700CE", 45.0, 44.5, 45.5);
        tick("NIFTY25NOV2523500CE", 1_000.0, 900, 902);   // a mid below its intrinsic value of ~1,002: no IV
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void shouldSayWhichForwardTimeAndRateItPricedWith() {
        PricingInputs pricing = chain.snapshot(NOW).pricing();
        assertThat(pricing.forward()).as("ATM parity: 24,500 + 120 − 118").isEqualTo(24_502.0);
        assertThat(pricing.daysToExpiry()).isEqualTo(7 + 4.5 / 24);
        assertThat(pricing.interestRate()).isEqualTo(6.5);
    }

    @Test
    void shouldPriceEachLegsIvAndGreeksAtTheConfiguredRate() {
        ChainSnapshot snapshot = chain.snapshot(NOW);
        double years = (7 + 4.5 / 24) / 365;
        for (LegQuote leg : List.of(snapshot.rows().get(20).ce(), snapshot.rows().get(20).pe(),
                snapshot.rows().get(24).ce())) {
            boolean call = leg.symbol().endsWith("CE");
            double strike = leg.symbol().contains("24700") ? 24_700 : 24_500;
            assertThat(leg.iv()).as(leg.symbol()).isNotNull().isBetween(0.05, 0.5);
            assertThat(Black76.price(call, 24_502, strike, years, leg.iv(), 0.065)).as("the mid at the IV, rate 6.5 %")
                    .isCloseTo(leg.mid(), within(1e-4));
            Greeks expected = Black76.greeks(call, 24_502, strike, years, leg.iv(), 0.065, new Greeks());
            assertThat(leg.greeks()).as(leg.symbol()).isEqualTo(new LegGreeks(expected.delta(), expected.gamma(),
                    expected.theta(), expected.vega(), expected.rho()));
        }
        LegGreeks atmCall = snapshot.rows().get(20).ce().greeks();
        assertThat(atmCall.delta()).isBetween(0.45, 0.55);
        assertThat(atmCall.rho()).as("−T × premium / 100").isCloseTo(-years * 120 / 100, within(1e-6));
        assertThat(snapshot.rows().get(20).pe().greeks().delta()).isBetween(-0.55, -0.45);
    }

    @Test
    void shouldGiveALegWithoutAnIvNoGreeksRatherThanZeros() {
        ChainSnapshot snapshot = chain.snapshot(NOW);
        LegQuote belowIntrinsic = snapshot.rows().get(0).ce();
        assertThat(belowIntrinsic.mid()).isEqualTo(901.0);
        assertThat(belowIntrinsic.iv()).isNull();
        assertThat(belowIntrinsic.greeks()).isNull();
        LegQuote unquoted = snapshot.rows().get(40).pe();
        assertThat(unquoted.iv()).isNull();
        assertThat(unquoted.greeks()).isNull();

        ChainSnapshot expired = chain.snapshot(ZonedDateTime.of(2025, 11, 25, 15, 30, 0, 0, NOW.getZone()));
        assertThat(expired.pricing().daysToExpiry()).isZero();
        assertThat(expired.rows()).allSatisfy(row -> {
            assertThat(row.ce().greeks()).isNull();
            assertThat(row.pe().greeks()).isNull();
        });
    }

    @Test
    void shouldCountTimeToExpiryByTheMinuteSoAQuietChainReadsTheSameWithinIt() {
        ChainSnapshot first = chain.snapshot(NOW.plusSeconds(5));
        ChainSnapshot later = chain.snapshot(NOW.plusSeconds(50));
        assertThat(later.rows()).isEqualTo(first.rows());
        assertThat(later.pricing()).isEqualTo(first.pricing());

        ChainSnapshot nextMinute = chain.snapshot(NOW.plusSeconds(65));
        assertThat(nextMinute.pricing().daysToExpiry()).isEqualTo(first.pricing().daysToExpiry() - 1 / 1440.0,
                within(1e-12));
        assertThat(nextMinute.rows().get(20).ce().greeks()).isNotEqualTo(first.rows().get(20).ce().greeks());
    }

    @Test
    void shouldPriceChainsAddedLaterAndEveryChainAgainWhenTheRateChanges() {
        book.useInterestRate(0);
        ChainSnapshot atZero = chain.snapshot(NOW);
        assertThat(atZero.pricing().interestRate()).isZero();
        assertThat(atZero.rows().get(20).ce().greeks().rho()).isNegative();

        OptionChain later = new OptionChain(NIFTY, EXPIRY.plusDays(7), chain.index(), registry, store, 2);
        book.useInterestRate(7.25);
        book.add(later);
        assertThat(later.snapshot(NOW).pricing().interestRate()).isEqualTo(7.25);
        assertThat(chain.snapshot(NOW).pricing().interestRate()).isEqualTo(7.25);

        assertThatThrownBy(() -> book.useInterestRate(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interest rate must be a number of percent a year, got NaN");
        assertThat(book.interestRate()).isEqualTo(7.25);
    }

    private void tick(String symbol, double ltp, double bid, double ask) {
        ChainQuotes.quote(store, registry, symbol, ltp, bid, ask, NOW.toInstant().toEpochMilli());
    }
}
