package io.optionchain.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract fields of a {@code symbol} reply: usable values read, anything else null with a reason, never a throw. */
class SymbolContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldReadOpenAlgosMasterContractRow() throws Exception {
        SymbolContract contract = read("""
                {"id":42,"symbol":"NIFTY08DEC2624500CE","brsymbol":"NIFTY2612824500CE","name":"NIFTY","exchange":"NFO",
                 "brexchange":"NFO","token":"43254","expiry":"08-DEC-26","strike":24500.0,"lotsize":65,
                 "instrumenttype":"CE","tick_size":0.05,"freeze_qty":1800}""");

        assertThat(contract).isEqualTo(new SymbolContract(65, 0.05, 1_800, java.util.Map.of()));
    }

    @Test
    void shouldReadNumbersSentAsText() throws Exception {
        SymbolContract contract = read("{\"lotsize\":\"30\",\"tick_size\":\" 0.05 \",\"freeze_qty\":\"600.0\"}");

        assertThat(contract.lotSize()).isEqualTo(30);
        assertThat(contract.tickSize()).isEqualTo(0.05);
        assertThat(contract.freezeQuantity()).isEqualTo(600);
        assertThat(contract.unusable()).isEmpty();
    }

    @Test
    void shouldLeaveOutMissingFieldsAndSayWhy() throws Exception {
        SymbolContract contract = read("{\"symbol\":\"NIFTY08DEC2624500CE\",\"lotsize\":null,\"tick_size\":\"\"}");

        assertThat(contract.lotSize()).isNull();
        assertThat(contract.tickSize()).isNull();
        assertThat(contract.freezeQuantity()).isNull();
        assertThat(contract.unusable()).containsEntry("lotsize", "missing").containsEntry("tick_size", "missing")
                .containsEntry("freeze_qty", "missing");
    }

    /** OpenAlgo answers 0 (newer) or 1 (older) where its freeze table has no row: neither is a limit. */
    @Test
    void shouldTakeAFreezeQuantityOfZeroOrOneOrBelowALotAsNotKnown() throws Exception {
        assertThat(read("{\"lotsize\":65,\"tick_size\":0.05,\"freeze_qty\":0}").freezeQuantity()).isNull();
        SymbolContract one = read("{\"lotsize\":20,\"tick_size\":0.05,\"freeze_qty\":1}");
        assertThat(one.freezeQuantity()).isNull();
        assertThat(one.unusable().get("freeze_qty")).contains("no limit");
        SymbolContract belowALot = read("{\"lotsize\":65,\"tick_size\":0.05,\"freeze_qty\":50}");
        assertThat(belowALot.freezeQuantity()).isNull();
        assertThat(belowALot.unusable().get("freeze_qty")).isEqualTo("50 is below one lot of 65");
        assertThat(belowALot.lotSize()).isEqualTo(65);
    }

    @Test
    void shouldRefuseZeroNegativeFractionalAndAbsurdValuesFieldByField() throws Exception {
        SymbolContract zero = read("{\"lotsize\":0,\"tick_size\":0,\"freeze_qty\":1800}");
        assertThat(zero.lotSize()).isNull();
        assertThat(zero.tickSize()).isNull();
        assertThat(zero.freezeQuantity()).as("usable on its own").isEqualTo(1_800);
        assertThat(zero.unusable()).containsOnlyKeys("lotsize", "tick_size");

        SymbolContract odd = read("{\"lotsize\":-65,\"tick_size\":500,\"freeze_qty\":1800.5}");
        assertThat(odd.lotSize()).isNull();
        assertThat(odd.tickSize()).isNull();
        assertThat(odd.freezeQuantity()).isNull();
        assertThat(read("{\"lotsize\":65.5}").lotSize()).isNull();
        assertThat(read("{\"lotsize\":1e12}").lotSize()).isNull();
        assertThat(read("{\"freeze_qty\":1e12}").freezeQuantity()).isNull();
    }

    @Test
    void shouldNeverThrowOnGarbage() throws Exception {
        SymbolContract words = read("{\"lotsize\":\"sixty-five\",\"tick_size\":\"NaN\",\"freeze_qty\":\"Infinity\"}");
        assertThat(words).isEqualTo(new SymbolContract(null, null, null, words.unusable()));
        assertThat(words.unusable().get("lotsize")).isEqualTo("not a number: 'sixty-five'");
        assertThat(words.unusable()).containsOnlyKeys("lotsize", "tick_size", "freeze_qty");

        SymbolContract shapes = read("{\"lotsize\":[65],\"tick_size\":{\"value\":0.05},\"freeze_qty\":true}");
        assertThat(shapes.lotSize()).isNull();
        assertThat(shapes.tickSize()).isNull();
        assertThat(shapes.freezeQuantity()).isNull();

        for (String data : new String[] {"[]", "\"text\"", "null", "[{\"lotsize\":65}]"}) {
            SymbolContract none = read(data);
            assertThat(none.lotSize()).as(data).isNull();
            assertThat(none.unusable()).as(data).containsOnlyKeys("lotsize", "tick_size", "freeze_qty");
        }
    }

    private static SymbolContract read(String data) throws Exception {
        JsonNode node = JSON.readTree(data);
        return SymbolContract.read(node);
    }
}
