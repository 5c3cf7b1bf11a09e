package io.optionchain.engine.chain;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.state.ChainStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OptionChainTest {
    private static final LocalDate EXPIRY = LocalDate.of(2025, 11, 25);
    private static final ZonedDateTime NOW = ZonedDateTime.of(2025, 11, 18, 11, 0, 0, 0, ZoneId.of("Asia/Kolkata"));
    private static final Underlying NIFTY = new Underlying("NIFTY", "NSE_INDEX", "NFO", 75, new BigDecimal("50"), 20, 1);

    private final InstrumentRegistry registry = new InstrumentRegistry(1_024);
    private final ChainStore store = ChainStore.inMemory(1_024);
    private final RecordingFeed feed = new RecordingFeed();
    private final Instrument index = registry.registerIndex("NIFTY", "NSE_INDEX");
    private final OptionChain chain = new OptionChain(NIFTY, EXPIRY, index, registry, store, 2);

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void shouldCentreFortyOneStrikesOnAtmAndTagThemFromTheCallSide() {
        chain.open(24_567, feed);
        ChainSnapshot snapshot = chain.snapshot(NOW);

        assertThat(snapshot.atmStrike()).isEqualTo(24_550);
        assertThat(snapshot.rows()).hasSize(41);
        assertThat(snapshot.rows().get(0).tag()).isEqualTo("ITM20");
        assertThat(snapshot.rows().get(0).strike()).isEqualTo(23_550);
        assertThat(snapshot.rows().get(20).tag()).isEqualTo("ATM");
        assertThat(snapshot.rows().get(40).tag()).isEqualTo("OTM20");
        assertThat(snapshot.rows().get(40).strike()).isEqualTo(25_550);
        assertThat(snapshot.rows()).extracting(ChainRow::strike).isSorted();
        assertThat(snapshot.rows().get(20).ce().symbol()).isEqualTo("NIFTY25NOV2524550CE");
        assertThat(snapshot.rows().get(0).pe().tag()).isEqualTo("OTM20");
        assertThat(snapshot.rows().get(0).ce().tag()).isEqualTo("ITM20");
    }

    @Test
    void shouldSubscribeTheWindowPlusSpareStrikesInDepthMode() {
        chain.open(24_567, feed);
        assertThat(feed.requests).containsExactly("subscribe 90 DEPTH"); // (41 + 2×2) strikes × CE/PE
        assertThat(feed.subscribed).contains("NIFTY25NOV2523450CE", "NIFTY25NOV2525650PE")
                .doesNotContain("NIFTY25NOV2523400CE", "NIFTY25NOV2525700PE");
    }

    @Test
    void shouldRetagAtOnceButNotChurnSubscriptionsWhileTheIndexFlapsWithinTheSpares() {
        chain.open(24_567, feed);
        for (int i = 0; i < 50; i++) {
            assertThat(chain.onIndexPrice(i % 2 == 0 ? 24_630 : 24_560)).isTrue();
        }
        assertThat(chain.atmStrike()).isEqualTo(24_550);
        assertThat(chain.onIndexPrice(24_630)).isTrue();
        assertThat(chain.atmStrike()).isEqualTo(24_650);
        assertThat(chain.snapshot(NOW).rows().get(20).strike()).isEqualTo(24_650);
        assertThat(feed.requests).containsExactly("subscribe 90 DEPTH");
    }

    @Test
    void shouldShiftTheBandWhenTheWindowLeavesIt() {
        chain.open(24_567, feed);
        chain.onIndexPrice(24_710); // ATM 24,700: three strikes up, one past the spares; the band moves three strikes
        assertThat(feed.requests).containsExactly("subscribe 90 DEPTH", "subscribe 6 DEPTH", "unsubscribe 6 DEPTH");
        assertThat(feed.subscribed).hasSize(90).contains("NIFTY25NOV2525800CE").doesNotContain("NIFTY25NOV2523550PE");
        assertThat(chain.subscribedLowStrike()).isEqualTo(23_600);
        assertThat(chain.subscribedHighStrike()).isEqualTo(25_800);
    }

    @Test
    void shouldReadQuotesSpreadAndImpliedVolatilityFromChainState() {
        chain.open(24_500, feed);
        tick("NIFTY", 24_500.0, 0, 0);
        tick("NIFTY25NOV2524500CE", 120.0, 119.5, 120.5);
        tick("NIFTY25NOV2524500PE", 118.0, 117.5, 118.5);

        ChainSnapshot snapshot = chain.snapshot(NOW);
        LegQuote ce = snapshot.rows().get(20).ce();
        assertThat(snapshot.underlyingLtp()).isEqualTo(24_500.0);
        assertThat(snapshot.underlyingBid()).isNull();
        assertThat(ce.bid()).isEqualTo(119.5);
        assertThat(ce.ask()).isEqualTo(120.5);
        assertThat(ce.spread()).isEqualTo(1.0);
        assertThat(ce.bidQty()).isEqualTo(75);
        assertThat(ce.iv()).isNotNull().isBetween(0.05, 0.5);
        // the forward is put-call parity's at ATM: 24,500 + 120 − 118
        double years = io.optionchain.engine.market.ExpiryDates.yearsToExpiry(EXPIRY, NOW);
        assertThat(io.optionchain.options.Black76.price(true, 24_502, 24_500, years, ce.iv(), 0))
                .isCloseTo(120.0, within(0.01));
        assertThat(snapshot.rows().get(0).ce().ltp()).isNull();
        assertThat(snapshot.timestamp().getOffset().getTotalSeconds()).isEqualTo(19_800);
    }

    private void tick(String symbol, double ltp, double bid, double ask) {
        ChainQuotes.quote(store, registry, symbol, ltp, bid, ask, NOW.toInstant().toEpochMilli());
    }

    @Test
    void shouldNameEachLegsTypeAndStrike() {
        chain.open(24_500, feed);
        Instrument atmPut = registry.bySymbol("NIFTY25NOV2524500PE");
        assertThat(atmPut.optionType()).isEqualTo(OptionType.PE);
        assertThat(atmPut.strike()).isEqualTo(24_500);
        assertThat(atmPut.expiry()).isEqualTo(EXPIRY);
        assertThat(atmPut.exchange()).isEqualTo("NFO");
    }

    @Test
    void shouldRetryABandShiftThatFailedAndSayWhyMeanwhile() {
        InstrumentRegistry tight = new InstrumentRegistry(1 + 2 * 45 + 4);   // the index, one band, two strikes more
        OptionChain small = new OptionChain(NIFTY, EXPIRY, tight.registerIndex("NIFTY", "NSE_INDEX"), tight, store, 2);
        small.open(24_500, feed);
        int filled = tight.size();
        for (int k = 0; filled < tight.capacity(); k++, filled++) {      // something else takes the last slots
            tight.register("NIFTY25NOV2530" + String.format("%03d", k) + "CE", "NFO", "NIFTY", EXPIRY, 30_000 + k,
                    OptionType.CE);
        }

        assertThat(small.onIndexPrice(24_800)).as("ATM moved").isTrue();   // 6 strikes: past the 2 spare ones
        assertThat(small.bandProblem()).contains("registry is full");
        assertThat(small.snapshot(NOW).atmStrike()).as("the tags follow the index even so").isEqualTo(24_800);

        assertThat(small.onIndexPrice(24_800)).as("same ATM").isFalse();
        assertThat(small.bandProblem()).as("retried on the next index tick, still failing").isNotNull();

        small.onIndexPrice(24_500);                                          // back inside the old band
        assertThat(small.bandProblem()).isNull();
    }

    @Test
    void shouldKeepAQuarterOfTheRegistryForTheWindows() {
        InstrumentRegistry registry = new InstrumentRegistry(100);
        for (int i = 0; i < 75; i++) {
            registry.register("NIFTY25NOV25" + (20_000 + 50 * i) + "CE", "NFO", "NIFTY", EXPIRY, 20_000 + 50 * i,
                    OptionType.CE, 25);
        }
        assertThatThrownBy(() -> registry.register("NIFTY25NOV2529000PE", "NFO", "NIFTY", EXPIRY, 29_000,
                OptionType.PE, 25)).hasMessageContaining("keeps its last 25 of 100 slots for the chains' windows");
        assertThat(registry.register("NIFTY25NOV2529000PE", "NFO", "NIFTY", EXPIRY, 29_000, OptionType.PE))
                .as("a window may use the reserve").isNotNull();
    }
}
