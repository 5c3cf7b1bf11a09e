package io.optionchain.web.hours;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.SymbolBudget;
import io.optionchain.engine.hours.TradingCalendar;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.pipeline.Pipeline;
import io.optionchain.engine.pipeline.RingSettings;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.ports.MarketDataFeed;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.gateway.feed.ConnectionState;
import io.optionchain.gateway.feed.FeedStatus;
import io.optionchain.gateway.feed.pool.PoolStatus;
import io.optionchain.web.api.AdminServer;
import io.optionchain.web.api.ApiToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/trading-hours} over real HTTP against the shipped templates, with the token rule and the error
 * mapping of the real server. The clock is set by the test: it is the one way to stand on Christmas 2026 at 10:00.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TradingHoursRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "trading-hours-test-token-0123456789";
    private static final Path SHIPPED = Path.of("..", "config");
    private static final String WEEKEND = """
            {"name": "weekend", "timezone": "Asia/Kolkata",
             "weekdays": {"SAT": {"pre_open": ["09:45", "10:00"], "normal": ["10:00", "14:00"]}},
             "holidays": [], "special_sessions": []}""";

    private final HttpClient http = HttpClient.newHttpClient();
    private final SetClock clock = new SetClock();
    private ChainStore chainState;
    private Pipeline pipeline;
    private ChainBook book;
    private TradingHoursStore store;
    private AdminServer server;
    private final List<TradingCalendar> published = new ArrayList<>();

    @BeforeAll
    void startEngine() {
        chainState = ChainStore.inMemory(16);
        book = new ChainBook(new InstrumentRegistry(16), List.of("NIFTY"));
        pipeline = new Pipeline(chainState, book, Pipeline.NO_STOPS, clock, RingSettings.blocking(64));
    }

    @BeforeEach
    void startServer(@TempDir Path data) {
        clock.set("2026-12-25T10:00:00+05:30");
        store = TradingHoursStore.open(SHIPPED, data, "nse-fo", null, "always-open");
        published.clear();
        store.onCalendar(published::add);
        FeedStatus connection = new FeedStatus("test-1", "test", ConnectionState.CONNECTED, "test", 0, 0, 0, 0, 0, 0,
                0, 0, 0, Map.of(), null);
        PoolStatus feed = new PoolStatus(connection, List.of(connection), List.of(), 0);
        server = new AdminServer(book, pipeline, () -> feed, chainState.restoreReport(),
                new SymbolBudget(new NoMarket(), 10, book::priority), clock, ApiToken.resolve(TOKEN, null, data), 0,
                new TradingHoursRoutes(store, clock))
                .start("127.0.0.1", 0);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @AfterAll
    void stopEngine() {
        pipeline.close();
        chainState.close();
    }

    @Test
    void shouldShowChristmasAsAHolidayWithMondaysOpenInTheIssuesShape() throws Exception {
        JsonNode hours = get();
        assertThat(fieldNames(hours)).containsExactly("active", "timezone", "now", "session", "market_open",
                "next_open", "today", "templates", "holidays");
        assertThat(hours.get("active").asText()).isEqualTo("nse-fo");
        assertThat(hours.get("timezone").asText()).isEqualTo("Asia/Kolkata");
        // the server's day, not the browser's: the page marks today by it, also under --clock
        assertThat(hours.get("now").asText()).isEqualTo("2026-12-25T10:00:00+05:30");
        assertThat(hours.get("session").asText()).isEqualTo("holiday");
        assertThat(hours.get("market_open").asBoolean()).isFalse();
        assertThat(hours.get("next_open").asText()).isEqualTo("2026-12-28T09:15:00+05:30");
        assertThat(hours.get("today")).isEmpty();

        assertThat(hours.get("templates")).extracting(t -> t.get("name").asText())
                .containsExactly("always-open", "nse-fo");
        JsonNode nse = hours.get("templates").get(1);
        assertThat(fieldNames(nse)).containsExactly("name", "timezone", "exchange", "weekdays", "holidays", "special_sessions");
        assertThat(nse.get("weekdays").get("MON")).isEqualTo(JSON.readTree(
                "{\"pre_open\": [\"09:00\", \"09:08\"], \"normal\": [\"09:15\", \"15:30\"],"
                        + " \"post_close\": [\"15:40\", \"16:00\"]}"));
        assertThat(nse.get("weekdays").get("SAT").isNull()).isTrue();
        assertThat(nse.get("weekdays").get("SUN").isNull()).isTrue();
        assertThat(nse.get("holidays")).hasSize(16).contains(JSON.readTree(
                "{\"date\": \"2026-12-25\", \"description\": \"Christmas\", \"type\": \"trading_holiday\","
                        + " \"source\": \"template\"}"));
        assertThat(nse.get("special_sessions")).contains(JSON.readTree(
                "{\"date\": \"2026-11-08\", \"description\": \"Muhurat trading\", \"normal\": [\"18:00\", \"19:00\"]}"));
        assertThat(hours.get("templates").get(0).get("weekdays").get("SUN").get("normal"))
                .isEqualTo(JSON.readTree("[\"00:00\", \"24:00\"]"));
        assertThat(hours.get("holidays")).hasSize(16).allSatisfy(h -> assertThat(fieldNames(h))
                .containsExactly("date", "description", "type", "source"));
    }

    @Test
    void shouldShowTodaysSessionsAndTheOpenMarketOnATradingDay() throws Exception {
        clock.set("2026-12-28T09:20:00+05:30");
        JsonNode hours = get();
        assertThat(hours.get("session").asText()).isEqualTo("open");
        assertThat(hours.get("market_open").asBoolean()).isTrue();
        assertThat(hours.get("next_open").asText()).isEqualTo("2026-12-29T09:15:00+05:30");
        assertThat(hours.get("today")).isEqualTo(JSON.readTree("""
                [{"session": "pre_open", "start": "09:00", "end": "09:08"},
                 {"session": "open", "start": "09:15", "end": "15:30"},
                 {"session": "post_close", "start": "15:40", "end": "16:00"}]"""));
    }

    @Test
    void shouldRefuseEveryChangeWithoutTheToken() throws Exception {
        for (String[] change : new String[][] {{"PUT", "/api/trading-hours/templates/weekend", WEEKEND},
                {"POST", "/api/trading-hours/apply", "{\"template\": \"always-open\"}"},
                {"POST", "/api/trading-hours/holidays", "{\"date\": \"2026-12-28\"}"},
                {"DELETE", "/api/trading-hours/holidays/2026-12-25", ""}}) {
            assertThat(send(change[0], change[1], change[2], null).statusCode()).as(change[1]).isEqualTo(401);
            assertThat(send(change[0], change[1], change[2], "not-the-token-0123456789").statusCode()).as(change[1])
                    .isEqualTo(403);
        }
        JsonNode hours = get();
        assertThat(hours.get("active").asText()).isEqualTo("nse-fo");
        assertThat(hours.get("templates")).hasSize(2);
        assertThat(hours.get("holidays")).hasSize(16);
        assertThat(published).hasSize(1);
    }

    @Test
    void shouldCreateATemplateAndApplyItLiveAnsweringWithTheNextSession() throws Exception {
        HttpResponse<String> created = send("PUT", "/api/trading-hours/templates/weekend", WEEKEND, TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).get("weekdays").get("SAT").get("normal"))
                .isEqualTo(JSON.readTree("[\"10:00\", \"14:00\"]"));
        assertThat(send("PUT", "/api/trading-hours/templates/weekend", WEEKEND, TOKEN).statusCode())
                .as("replaced").isEqualTo(200);

        HttpResponse<String> applied = send("POST", "/api/trading-hours/apply", "{\"template\": \"weekend\"}", TOKEN);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        JsonNode reply = JSON.readTree(applied.body());
        assertThat(reply.get("active").asText()).isEqualTo("weekend");
        assertThat(reply.get("session").asText()).isEqualTo("closed");
        assertThat(reply.get("next_session")).isEqualTo(JSON.readTree("""
                {"session": "pre_open", "start": "2026-12-26T09:45:00+05:30", "end": "2026-12-26T10:00:00+05:30"}"""));
        assertThat(published).as("the scheduler hears of it at once").last()
                .extracting(c -> c.template().name()).isEqualTo("weekend");

        JsonNode hours = get();
        assertThat(hours.get("active").asText()).isEqualTo("weekend");
        assertThat(hours.get("session").asText()).isEqualTo("closed");
        assertThat(hours.get("next_open").asText()).isEqualTo("2026-12-26T10:00:00+05:30");
        assertThat(hours.get("templates")).extracting(t -> t.get("name").asText())
                .containsExactly("always-open", "nse-fo", "weekend");

        JsonNode always = JSON.readTree(send("POST", "/api/trading-hours/apply", "{\"template\": \"always-open\"}",
                TOKEN).body());
        assertThat(always.get("session").asText()).isEqualTo("open");
        assertThat(always.get("next_session").isNull()).as("a market that never closes opens no new session").isTrue();
    }

    @Test
    void shouldAddAndRemoveAHolidayOfTheActiveTemplate() throws Exception {
        HttpResponse<String> added = send("POST", "/api/trading-hours/holidays",
                "{\"date\": \"2026-12-28\", \"description\": \"Exchange closed\"}", TOKEN);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(JSON.readTree(added.body())).isEqualTo(JSON.readTree("""
                {"date": "2026-12-28", "description": "Exchange closed", "type": "trading_holiday", "source": "api"}"""));
        JsonNode hours = get();
        assertThat(hours.get("next_open").asText()).isEqualTo("2026-12-29T09:15:00+05:30");
        assertThat(hours.get("holidays")).hasSize(17);

        HttpResponse<String> settlement = send("POST", "/api/trading-hours/holidays",
                "{\"date\": \"2026-12-29\", \"type\": \"settlement_holiday\"}", TOKEN);
        assertThat(JSON.readTree(settlement.body()).get("type").asText()).isEqualTo("settlement_holiday");
        assertThat(get().get("next_open").asText()).as("settlement only: it trades")
                .isEqualTo("2026-12-29T09:15:00+05:30");

        HttpResponse<String> removed = send("DELETE", "/api/trading-hours/holidays/2026-12-28", "", TOKEN);
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(removed.body()).get("description").asText()).isEqualTo("Exchange closed");
        assertThat(get().get("next_open").asText()).isEqualTo("2026-12-28T09:15:00+05:30");

        HttpResponse<String> again = send("DELETE", "/api/trading-hours/holidays/2026-12-28", "", TOKEN);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(again.body()).get("message").asText())
                .isEqualTo("template 'nse-fo' has no holiday on 2026-12-28");
    }

    @Test
    void shouldRefuseBadBodiesWithA400NamingTheField() throws Exception {
        assertBadRequest(send("PUT", "/api/trading-hours/templates/weekend",
                WEEKEND.replace("[\"09:45\", \"10:00\"]", "[\"09:45\", \"10:30\"]"), TOKEN),
                "request body line 2: weekdays.SAT.pre_open: ends at 10:30, after normal starts at 10:00");
        assertBadRequest(send("PUT", "/api/trading-hours/templates/weekends", WEEKEND, TOKEN),
                "request body line 1: name: 'weekend' does not match the name in the path, 'weekends'");
        assertBadRequest(send("PUT", "/api/trading-hours/templates/week.end", WEEKEND, TOKEN),
                "a template's name is letters, digits, '-' or '_' (at most 64), got 'week.end'");
        assertBadRequest(send("PUT", "/api/trading-hours/templates/weekend", "{\"name\": \"weekend\"", TOKEN),
                "request body line 1: not valid JSON");
        assertBadRequest(send("POST", "/api/trading-hours/apply", "{}", TOKEN),
                "the body must be {\"template\": name}");
        assertBadRequest(send("POST", "/api/trading-hours/apply", "{\"template\": 5}", TOKEN),
                "the body must be {\"template\": name}");
        assertBadRequest(send("POST", "/api/trading-hours/holidays", "{\"date\": \"2026-13-01\"}", TOKEN),
                "request body line 1: date: '2026-13-01' is not a date as YYYY-MM-DD");
        assertBadRequest(send("POST", "/api/trading-hours/holidays", "{\"date\": \"2026-12-28\", \"type\": \"half\"}",
                TOKEN), "request body line 1: type: must be trading_holiday, settlement_holiday or special_session");
        assertBadRequest(send("DELETE", "/api/trading-hours/holidays/28-12-2026", "", TOKEN),
                "date must be YYYY-MM-DD, got '28-12-2026'");
        assertThat(get().get("templates")).as("nothing was written").hasSize(2);
        assertThat(published).hasSize(1);
    }

    @Test
    void shouldAnswer404ForAnUnknownTemplate() throws Exception {
        HttpResponse<String> response = send("POST", "/api/trading-hours/apply", "{\"template\": \"nse-cm\"}", TOKEN);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("message").asText())
                .isEqualTo("no trading-hours template 'nse-cm'; there are [always-open, nse-fo]");
        assertThat(get().get("active").asText()).isEqualTo("nse-fo");
    }

    private void assertBadRequest(HttpResponse<String> response, String message) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asText()).isEqualTo("error");
        assertThat(body.get("message").asText()).startsWith(message);
    }

    private JsonNode get() throws Exception {
        HttpResponse<String> response = send("GET", "/api/trading-hours", "", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The test's clock: the one way to stand on a given day at a given minute. */
    private static final class SetClock extends Clock {
        private volatile Instant now = Instant.EPOCH;

        void set(String at) {
            now = ZonedDateTime.parse(at).toInstant();
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** No market behind the server: these routes never subscribe anything. */
    private static final class NoMarket implements MarketDataFeed {
        @Override
        public void subscribe(Collection<Instrument> instruments, FeedMode mode) {
        }

        @Override
        public void unsubscribe(Collection<Instrument> instruments, FeedMode mode) {
        }
    }
}
