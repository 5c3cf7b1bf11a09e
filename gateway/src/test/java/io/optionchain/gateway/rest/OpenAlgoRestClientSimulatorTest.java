package io.optionchain.gateway.rest;

import io.optionchain.engine.market.ContractSource;
import io.optionchain.engine.market.ContractSpec;
import io.optionchain.engine.market.OptionSymbol;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.market.Underlying;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/** The REST client against the simulated OpenAlgo over loopback HTTP. */
class OpenAlgoRestClientSimulatorTest {
    private static final String KEY = "sim-key-7d1e0b";
    private static OpenAlgoSimulator simulator;
    private static OpenAlgoRestClient client;

    @BeforeAll
    static void start() {
        simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(7).withTicksPerSecond(500));
        client = new OpenAlgoRestClient(simulator.restUrl(), KEY, Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void shouldQuoteTheIndexNearTheSimulatedLevel() {
        IndexQuote quote = client.quote("NIFTY", "NSE_INDEX");
        assertThat(quote.ltp()).isCloseTo(simulator.indexPrice("NIFTY"), within(simulator.indexPrice("NIFTY") * 0.02));
        assertThat(quote.prevClose()).isPositive();
        assertThat(quote.high()).isGreaterThanOrEqualTo(quote.low());
    }

    @Test
    void shouldListTheSimulatorsExpiriesAscending() {
        List<LocalDate> expiries = client.expiries("NIFTY", "NFO", "options");
        assertThat(expiries).isNotEmpty().isSorted().isEqualTo(simulator.expiries("NIFTY"));
    }

    @Test
    void shouldReadAnOptionsFiveLevelBook() {
        LocalDate nearest = client.expiries("NIFTY", "NFO", "options").get(0);
        double atm = Math.round(client.quote("NIFTY", "NSE_INDEX").ltp() / 50) * 50.0;
        DepthQuote depth = client.depth(OptionSymbol.of("NIFTY", nearest, atm, OptionType.CE), "NFO");
        assertThat(depth.bids()).hasSize(5);
        assertThat(depth.asks()).hasSize(5);
        assertThat(depth.bids().get(0).price()).isLessThan(depth.asks().get(0).price());
    }

    @Test
    void shouldReadTheSimulatorsContractDataAndFollowAChange() {
        Underlying seed = new Underlying("NIFTY", "NSE_INDEX", "NFO", 75, new BigDecimal("50"), 20, 1, 1_800);
        OpenAlgoReferenceData reference = new OpenAlgoReferenceData(client);
        LocalDate nearest = client.expiries("NIFTY", "NFO", "options").get(0);
        double atm = Math.round(client.quote("NIFTY", "NSE_INDEX").ltp() / 50) * 50.0;
        String option = OptionSymbol.of("NIFTY", nearest, atm, OptionType.CE);

        assertThat(reference.contract(seed, option)).isEqualTo(new ContractSpec(65, 0.05, 1_800, ContractSource.SERVER));
        try {
            simulator.contract("NIFTY", 75, 0.10, 900);
            assertThat(reference.contract(seed, option)).isEqualTo(new ContractSpec(75, 0.1, 900, ContractSource.SERVER));
        } finally {
            simulator.contract("NIFTY", 65, 0.05, 1_800);
        }
        assertThat(reference.contractFallbacks()).isZero();
    }

    @Test
    void shouldRefuseAWrongKeyWith403AndNotRepeatTheKey() {
        String wrong = "wrong-key-55aa";
        OpenAlgoRestClient impostor = new OpenAlgoRestClient(simulator.restUrl(), wrong, Duration.ofSeconds(5));

        OpenAlgoException e = catchThrowableOfType(OpenAlgoException.class, () -> impostor.quote("NIFTY", "NSE_INDEX"));

        assertThat(e.status()).isEqualTo(403);
        assertThat(e.getMessage()).contains("Invalid openalgo apikey").doesNotContain(wrong).doesNotContain(KEY);
    }

    @Test
    void shouldReport400ForASymbolTheServerDoesNotList() {
        OpenAlgoException e = catchThrowableOfType(OpenAlgoException.class, () -> client.quote("NOPE", "NSE_INDEX"));
        assertThat(e.status()).isBetween(400, 404);
        assertThat(e.getMessage()).doesNotContain(KEY);
    }
}
