package io.optionchain.web.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.SymbolBudget;
import io.optionchain.engine.depth.ExecutionThresholds;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.pipeline.Pipeline;
import io.optionchain.engine.pipeline.RingSettings;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.ports.MarketDataFeed;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.tick.TickEvent;
import io.optionchain.gateway.feed.ConnectionState;
import io.optionchain.gateway.feed.FeedStatus;
import io.optionchain.gateway.feed.pool.PoolStatus;
import io.optionchain.web.api.AdminServer;
import io.optionchain.web.api.ApiToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The execution estimate and entry analysis over real HTTP, priced from a book that went through the real
 * ring into real chain state: one depth tick whose numbers the test knows, so the answers can be checked
 * to the paisa. (No market here: the feed is a stand-in that only accepts subscriptions.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutionRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SYMBOL = "NIFTY25NOV2524500CE";
    private static final String TOKEN = "execution-test-token-0123456789";

    private final HttpClient http = HttpClient.newHttpClient();
    private ChainStore store;
    private Pipeline pipeline;
    private AdminServer server;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        InstrumentRegistry registry = new InstrumentRegistry(64);
        store = ChainStore.inMemory(64);
        ChainBook book = new ChainBook(registry, List.of("NIFTY"));
        pipeline = new Pipeline(store, book, Pipeline.NO_STOPS, Clock.systemUTC(), RingSettings.blocking(1024));
        registry.registerIndex("NIFTY", "NSE_INDEX");
        Instrument call = registry.register(SYMBOL, "NFO", "NIFTY", LocalDate.of(2025, 11, 25), 24_500, OptionType.CE);
        registry.register("NIFTY25NOV2524600CE", "NFO", "NIFTY", LocalDate.of(2025, 11, 25), 24_600, OptionType.CE);

        TickEvent tick = new TickEvent();
        tick.instrumentId = call.id();
        tick.mode = 3;
        tick.fields = TickEvent.LTP | TickEvent.DEPTH;
        tick.ltp = 100.00;
        tick.arrivalNanos = System.nanoTime();
        double[] bids = {99.90, 99.85, 99.80, 99.75, 99.70};
        long[] bidQty = {150, 300, 450, 600, 750};
        double[] asks = {100.10, 100.15, 100.20, 100.25, 100.30};
        long[] askQty = {75, 150, 225, 300, 375};
        tick.bidLevels = 5;
        tick.askLevels = 5;
        for (int i = 0; i < 5; i++) {
            tick.bidPrice[i] = bids[i];
            tick.bidQuantity[i] = bidQty[i];
            tick.bidOrders[i] = 1 + i;
            tick.askPrice[i] = asks[i];
            tick.askQuantity[i] = askQty[i];
            tick.askOrders[i] = 2 + i;
        }
        assertThat(pipeline.offer(tick)).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!store.read(call.id(), ChainStore.newRecord()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        Underlying nifty = new Underlying("NIFTY", "NSE_INDEX", "NFO", 75, new BigDecimal(50), 20, 1);
        FeedStatus connection = new FeedStatus("test-1", "test", ConnectionState.CONNECTED, "test", 0, 0, 0, 0, 0, 0, 0,
                0, 0, Map.of(), null);
        PoolStatus feed = new PoolStatus(connection, List.of(connection), List.of(), 0);
        SymbolBudget budget = new SymbolBudget(new IdleFeed(), 100, book::priority);
        server = new AdminServer(book, pipeline, () -> feed, store.restoreReport(), budget, Clock.systemUTC(),
                ApiToken.resolve(TOKEN, null, data), 0,
                new ExecutionRoutes(book, store, List.of(nifty), ExecutionThresholds.seed()))
                .start("127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void shouldEstimateABuyOfFourLotsFromTheFiveLevelBook() throws Exception {
        JsonNode estimate = ok("/api/execution-estimate?symbol=" + SYMBOL + "&action=BUY&quantity=300");
        assertThat(estimate.get("symbol").asText()).isEqualTo(SYMBOL);
        assertThat(estimate.get("action").asText()).isEqualTo("BUY");
        assertThat(estimate.get("quantity").asLong()).isEqualTo(300);
        assertThat(estimate.get("lots").asDouble()).isEqualTo(4.0);
        assertThat(estimate.get("best_price").asDouble()).isEqualTo(100.10);
        // 75 @ 100.10 + 150 @ 100.15 + 75 @ 100.20 = 30,045 / 300
        assertThat(estimate.get("expected_price").asDouble()).isEqualTo(100.15);
        assertThat(estimate.get("worst_price").asDouble()).isEqualTo(100.20);
        assertThat(estimate.get("slippage_per_unit").asDouble()).isCloseTo(0.05, within(1e-9));
        assertThat(estimate.get("slippage_total").asDouble()).isEqualTo(15.0);
        assertThat(estimate.get("impact_cost_pct").asDouble()).isCloseTo(0.05, within(1e-4));
        assertThat(estimate.get("fully_fillable").asBoolean()).isTrue();
        assertThat(estimate.get("levels_used").asInt()).isEqualTo(3);
    }

    @Test
    void shouldSayWhenTheVisibleDepthCannotFillASell() throws Exception {
        JsonNode estimate = ok("/api/execution-estimate?symbol=" + SYMBOL.toLowerCase() + "&action=sell&quantity=3000");
        assertThat(estimate.get("fully_fillable").asBoolean()).isFalse();
        assertThat(estimate.get("filled_quantity").asLong()).isEqualTo(2250);
        assertThat(estimate.get("worst_price").asDouble()).isEqualTo(99.70);
        // 150 @ 99.90 + 300 @ 99.85 + 450 @ 99.80 + 600 @ 99.75 + 750 @ 99.70 = 224,475 / 2,250 = 99.7667
        assertThat(estimate.get("expected_price").asDouble()).isEqualTo(99.7667);
        assertThat(estimate.get("slippage_total").asDouble()).isCloseTo((99.90 - 224_475.0 / 2_250) * 2_250, within(0.005));
    }

    @Test
    void shouldAnalyseEntryTheSeedsWay() throws Exception {
        JsonNode entry = ok("/api/entry-analysis?symbol=" + SYMBOL + "&action=BUY&quantity=75");
        assertThat(entry.get("spread").asDouble()).isEqualTo(0.20);
        assertThat(entry.get("spread_percent").asDouble()).isEqualTo(0.2);
        assertThat(entry.get("spread_band").asText()).isEqualTo("tight");
        // the thinner side (asks) holds 15 lots; 100 lots would score 100
        assertThat(entry.get("liquidity_score").asInt()).isEqualTo(15);
        assertThat(entry.get("recommendation").asText()).isEqualTo("WAIT");
        assertThat(entry.get("suggested_price").isNull()).isTrue();
        assertThat(entry.get("reason").asText()).contains("liquidity score 15");
    }

    @Test
    void shouldServeTheBookOfASymbol() throws Exception {
        JsonNode depth = ok("/api/option-chain/depth/" + SYMBOL);
        assertThat(depth.get("bids")).hasSize(5);
        assertThat(depth.get("asks").get(0).get("price").asDouble()).isEqualTo(100.10);
        assertThat(depth.get("asks").get(0).get("orders").asInt()).isEqualTo(2);
        assertThat(depth.get("lot_size").asInt()).isEqualTo(75);
        assertThat(depth.get("spread_band").asText()).isEqualTo("tight");
    }

    @Test
    void shouldRefuseBadOrdersWithJsonErrors() throws Exception {
        error("/api/execution-estimate?action=BUY&quantity=75", 400, "symbol is required");
        error("/api/execution-estimate?symbol=" + SYMBOL + "&action=HOLD&quantity=75", 400, "action must be BUY or SELL");
        error("/api/execution-estimate?symbol=" + SYMBOL + "&quantity=75", 400, "action must be BUY or SELL");
        error("/api/execution-estimate?symbol=" + SYMBOL + "&action=BUY&quantity=0", 400, "whole number of lots of 75");
        error("/api/execution-estimate?symbol=" + SYMBOL + "&action=BUY&quantity=100", 400, "whole number of lots of 75");
        error("/api/execution-estimate?symbol=" + SYMBOL + "&action=BUY&quantity=1e3", 400, "whole number of lots");
        error("/api/entry-analysis?symbol=%3Cimg%20src%3Dx%3E&action=BUY&quantity=75", 400, "symbol must be");
        error("/api/entry-analysis?symbol=NIFTY01JAN3099999CE&action=BUY&quantity=75", 404, "unknown symbol");
        error("/api/option-chain/depth/NIFTY25NOV2524600CE", 503, "no quote yet");
    }

    private JsonNode ok(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void error(String path, int status, String message) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type").orElse("")).contains("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asText()).isEqualTo("error");
        assertThat(body.get("message").asText()).contains(message);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Accepts subscriptions and does nothing: no market in this test. */
    private static final class IdleFeed implements MarketDataFeed {
        @Override
        public void subscribe(Collection<Instrument> instruments, FeedMode mode) {
        }

        @Override
        public void unsubscribe(Collection<Instrument> instruments, FeedMode mode) {
        }
    }
}
