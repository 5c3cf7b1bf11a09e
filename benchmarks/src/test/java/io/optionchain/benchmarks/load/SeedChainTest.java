package io.optionchain.benchmarks.load;

import io.optionchain.engine.chain.ChainMetrics;
import io.optionchain.engine.chain.ChainRow;
import io.optionchain.engine.chain.LegQuote;
import io.optionchain.engine.chain.MarketMetrics;
import io.optionchain.engine.market.OptionSymbol;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.market.StrikeLadder;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The naive twin must compute what the engine computes, or the ratio compares different work. */
class SeedChainTest {
    private static final LocalDate EXPIRY = LocalDate.of(2026, 12, 1);
    private static final StrikeLadder LADDER = new StrikeLadder(new BigDecimal("50"), 20);
    private static final double INDEX = 24_512.35;

    @Test
    void shouldRebuildTheSameMetricsAsTheEngineOnSeededChains() {
        for (long seed = 1; seed <= 50; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            Map<Double, String[]> symbols = new HashMap<>();
            Map<String, Map<String, Object>> legs = new HashMap<>();
            List<ChainRow> rows = new ArrayList<>();
            long atm = LADDER.atmIndex(INDEX);
            for (int offset = -20; offset <= 20; offset++) {
                double strike = LADDER.strikeAt(atm + offset);
                String ce = OptionSymbol.of("NIFTY", EXPIRY, strike, OptionType.CE);
                String pe = OptionSymbol.of("NIFTY", EXPIRY, strike, OptionType.PE);
                symbols.put(strike, new String[] {ce, pe});
                // a leg sometimes has no tick yet: both sides must treat it as zero volume and OI
                LegQuote ceQuote = random.nextInt(10) == 0
                        ? LegQuote.unquoted(ce, OptionType.CE, "") : quote(ce, OptionType.CE, random, legs);
                LegQuote peQuote = random.nextInt(10) == 0
                        ? LegQuote.unquoted(pe, OptionType.PE, "") : quote(pe, OptionType.PE, random, legs);
                rows.add(new ChainRow(StrikeLadder.rowTag(offset), strike, offset, ceQuote, peQuote));
            }
            MarketMetrics engine = ChainMetrics.of(rows, 65);
            @SuppressWarnings("unchecked")
            SeedChain chain = new SeedChain("NIFTY", "01-DEC-26", LADDER, symbols, INDEX);
            Map<String, Object> seedMetrics = (Map<String, Object>) chain.rebuild(legs, INDEX).get("market_metrics");

            assertThat(seedMetrics.get("total_ce_volume")).isEqualTo(engine.totalCeVolume());
            assertThat(seedMetrics.get("total_pe_volume")).isEqualTo(engine.totalPeVolume());
            assertThat(seedMetrics.get("total_ce_oi")).isEqualTo(engine.totalCeOi());
            assertThat(seedMetrics.get("total_pe_oi")).isEqualTo(engine.totalPeOi());
            assertThat(seedMetrics.get("pcr")).isEqualTo(engine.pcr());
            assertThat(seedMetrics.get("pcr_volume")).isEqualTo(engine.pcrVolume());
            assertThat(seedMetrics.get("max_pain")).as("max pain, seed %d", seed).isEqualTo(engine.maxPain());
        }
    }

    @Test
    void shouldTagFortyOneRowsAroundAtmAndFollowTheIndex() {
        Map<Double, String[]> symbols = new HashMap<>();
        SeedChain chain = new SeedChain("NIFTY", "01-DEC-26", LADDER, symbols, INDEX);
        chain.onIndexPrice(24_580);
        Map<String, Object> rebuilt = chain.rebuild(Map.of(), 24_580.0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> options = (List<Map<String, Object>>) rebuilt.get("options");
        assertThat(options).hasSize(41);
        assertThat(rebuilt.get("atm_strike")).isEqualTo(24_600.0);
        assertThat(options.get(0)).containsEntry("tag", "ITM20").containsEntry("strike", 23_600.0);
        assertThat(options.get(20)).containsEntry("tag", "ATM");
        assertThat(options.get(40)).containsEntry("tag", "OTM20");
    }

    /** A quoted leg, put both in the engine's shape and, as the seed keeps it, in a map of JSON numbers. */
    private static LegQuote quote(String symbol, OptionType type, SplittableRandom random,
                                  Map<String, Map<String, Object>> legs) {
        double bid = 10 + random.nextInt(2_000) * 0.05;
        double ask = bid + 0.05 * (1 + random.nextInt(5));
        long volume = 75L * random.nextInt(100_000);
        long oi = 75L * random.nextInt(200_000);
        Map<String, Object> leg = new HashMap<>();
        leg.put("ltp", bid);
        leg.put("bid", bid);
        leg.put("ask", ask);
        leg.put("bid_qty", 75);
        leg.put("ask_qty", 150);
        leg.put("spread", ask - bid);
        // Jackson hands small numbers over as Integer and large ones as Long: both must add up.
        leg.put("volume", volume <= Integer.MAX_VALUE ? (Object) (int) volume : (Object) volume);
        leg.put("oi", oi <= Integer.MAX_VALUE ? (Object) (int) oi : (Object) oi);
        legs.put(symbol, leg);
        return new LegQuote(symbol, type, "", bid, bid, ask, 75L, 150L, ask - bid, volume, oi, null, List.of(),
                List.of(), 0L);
    }
}
