package io.optionchain.simulator.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.market.MarketModel;
import io.optionchain.simulator.market.MarketSnapshot;
import io.optionchain.simulator.market.SimulatedIndex;
import io.optionchain.simulator.market.SimulatedSymbol;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TickFramesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T04:00:00Z"), ZoneOffset.UTC);

    @Test
    void shouldPrintPricesAsPythonPrintsFloats() {
        assertThat(rupees(5)).isEqualTo("0.05");
        assertThat(rupees(1235)).isEqualTo("12.35");
        assertThat(rupees(31160)).isEqualTo("311.6");
        assertThat(rupees(31200)).isEqualTo("312.0");
        assertThat(rupees(0)).isEqualTo("0.0");
        assertThat(rupees(2456015)).isEqualTo("24560.15");
    }

    @Test
    void shouldRenderEachModeWithItsOwnKeys() throws Exception {
        MarketModel model = new MarketModel(7, CLOCK);
        MarketSnapshot s = new MarketSnapshot();
        model.tick(SimulatedSymbol.parse("NIFTY01DEC2624500CE", "NFO").orElseThrow(), s);
        TickFrames frames = new TickFrames("simulator");
        frames.reset(s);

        JsonNode ltp = JSON.readTree(frames.frame(TickFrames.LTP));
        assertThat(ltp.path("type").asText()).isEqualTo("market_data");
        assertThat(ltp.path("mode").asInt()).isEqualTo(1);
        assertThat(names(ltp.path("data"))).containsExactlyInAnyOrder("symbol", "exchange", "mode", "ltp", "ltt",
                "timestamp");

        JsonNode quote = JSON.readTree(frames.frame(TickFrames.QUOTE));
        assertThat(names(quote.path("data"))).containsExactlyInAnyOrder("symbol", "exchange", "mode", "ltp", "ltt",
                "timestamp", "open", "high", "low", "close", "volume", "last_quantity", "average_price",
                "total_buy_quantity", "total_sell_quantity", "oi");

        JsonNode depth = JSON.readTree(frames.frame(TickFrames.DEPTH));
        assertThat(depth.path("data").path("depth").path("buy")).hasSize(5);
        assertThat(depth.path("data").path("timestamp").asLong()).isEqualTo(CLOCK.millis());
        assertThat(frames.frame(TickFrames.DEPTH)).isSameAs(frames.frame(TickFrames.DEPTH));
    }

    @Test
    void shouldLeaveOpenInterestOutOfIndexFramesAndZeroTheirDepth() throws Exception {
        MarketModel model = new MarketModel(7, CLOCK);
        MarketSnapshot s = new MarketSnapshot();
        model.tick(SimulatedSymbol.index(SimulatedIndex.BANKNIFTY), s);
        TickFrames frames = new TickFrames("simulator");
        frames.reset(s);
        JsonNode depth = JSON.readTree(frames.frame(TickFrames.DEPTH)).path("data");
        assertThat(depth.has("oi")).isFalse();
        assertThat(depth.path("depth").path("sell").get(4).path("price").asDouble()).isZero();
        assertThat(depth.path("exchange").asText()).isEqualTo("NSE_INDEX");
    }

    @Test
    void shouldPadAFrameToTheAskedSizeAsValidJsonWithTheTickFirst() throws Exception {
        MarketModel model = new MarketModel(7, CLOCK);
        MarketSnapshot s = new MarketSnapshot();
        model.tick(SimulatedSymbol.parse("NIFTY01DEC2624500CE", "NFO").orElseThrow(), s);
        TickFrames frames = new TickFrames("simulator");
        frames.reset(s);
        byte[] plain = frames.frame(TickFrames.DEPTH);
        frames.reset(s, false, TickFrames.Depth.FULL, 100_000);

        byte[] padded = frames.frame(TickFrames.DEPTH);

        assertThat(padded).hasSize(100_000);
        JsonNode frame = JSON.readTree(padded);
        assertThat(frame.path("data")).isEqualTo(JSON.readTree(plain).path("data"));
        assertThat(frame.path("padding").asText()).isBlank();
        assertThat(new String(padded, 0, plain.length - 1, StandardCharsets.US_ASCII))
                .as("the tick comes before the filler").isEqualTo(new String(plain, 0, plain.length - 1,
                        StandardCharsets.US_ASCII));
    }

    @Test
    void shouldLeaveTheBookEmptyOrOutWhenAsked() throws Exception {
        MarketModel model = new MarketModel(7, CLOCK);
        MarketSnapshot s = new MarketSnapshot();
        model.tick(SimulatedSymbol.parse("NIFTY01DEC2624500CE", "NFO").orElseThrow(), s);
        TickFrames frames = new TickFrames("simulator");

        frames.reset(s, false, TickFrames.Depth.EMPTY, 0);
        JsonNode empty = JSON.readTree(frames.frame(TickFrames.DEPTH)).path("data");
        frames.reset(s, false, TickFrames.Depth.ABSENT, 0);
        JsonNode absent = JSON.readTree(frames.frame(TickFrames.DEPTH)).path("data");

        assertThat(empty.path("depth").toString()).isEqualTo("{\"buy\":[],\"sell\":[]}");
        assertThat(absent.has("depth")).isFalse();
        assertThat(absent.path("upper_circuit").asDouble()).isPositive();
    }

    private static String rupees(long paise) {
        FrameBuffer out = new FrameBuffer(8);
        out.appendRupees(paise);
        return out.toString();
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
