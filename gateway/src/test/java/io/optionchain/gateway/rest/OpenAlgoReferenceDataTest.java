package io.optionchain.gateway.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.engine.market.ContractSource;
import io.optionchain.engine.market.ContractSpec;
import io.optionchain.engine.market.Underlying;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Contract data over HTTP from a scripted OpenAlgo: replies the simulator never sends (garbage, zeros, a missing
 * field) are what this stand-in is for. Each unusable field is the configured value, counted.
 */
class OpenAlgoReferenceDataTest {
    private static final String KEY = "ref-key-93c1";
    private static final String OPTION = "NIFTY08DEC2624500CE";
    private static final Underlying NIFTY = new Underlying("NIFTY", "NSE_INDEX", "NFO", 75, new BigDecimal("50"), 20, 1,
            1_800);
    private static final ObjectMapper JSON = new ObjectMapper();

    private StubOpenAlgo server;
    private OpenAlgoReferenceData reference;

    @BeforeEach
    void start() throws Exception {
        server = new StubOpenAlgo();
        reference = new OpenAlgoReferenceData(new OpenAlgoRestClient(server.url(), KEY, Duration.ofSeconds(5),
                RestPolicy.defaults().withRetries(1, Duration.ofMillis(10), Duration.ofMillis(10))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldAskTheSymbolEndpointForTheOptionAndTakeAllTheServerGives() throws Exception {
        server.answer(200, """
                {"status":"success","data":{"symbol":"NIFTY08DEC2624500CE","exchange":"NFO","lotsize":65,
                 "tick_size":0.05,"freeze_qty":1800}}""");

        ContractSpec contract = reference.contract(NIFTY, OPTION);

        assertThat(server.path).isEqualTo("/api/v1/symbol");
        assertThat(JSON.readTree(server.body)).isEqualTo(JSON.readTree(
                "{\"apikey\":\"" + KEY + "\",\"symbol\":\"" + OPTION + "\",\"exchange\":\"NFO\"}"));
        assertThat(contract).isEqualTo(new ContractSpec(65, 0.05, 1_800, ContractSource.SERVER));
        assertThat(reference.contractFallbacks()).isZero();
    }

    @Test
    void shouldFillEachUnusableFieldFromConfigAndCountIt() {
        server.answer(200, """
                {"status":"success","data":{"symbol":"NIFTY08DEC2624500CE","lotsize":"65","tick_size":"n/a",
                 "freeze_qty":0}}""");

        ContractSpec contract = reference.contract(NIFTY, OPTION);
        reference.contract(NIFTY, OPTION);

        assertThat(contract).isEqualTo(new ContractSpec(65, 0.05, 1_800, ContractSource.PARTIAL));
        assertThat(reference.contractFallbacks()).as("two fields, twice").isEqualTo(4);
    }

    @Test
    void shouldFallBackWhollyWhenTheReplyHasNoContractFields() {
        server.answer(200, "{\"status\":\"success\",\"data\":{\"symbol\":\"NIFTY08DEC2624500CE\"}}");

        assertThat(reference.contract(NIFTY, OPTION)).isEqualTo(ContractSpec.fallback(NIFTY));
    }

    @Test
    void shouldFailLoudlyForASymbolTheServerDoesNotList() {
        server.answer(404, "{\"status\":\"error\",\"message\":\"Symbol " + OPTION + " not found in exchange NFO\"}");

        assertThatThrownBy(() -> reference.contract(NIFTY, OPTION)).isInstanceOf(OpenAlgoException.class)
                .hasMessageContaining("not found").hasMessageNotContaining(KEY);
    }
}
