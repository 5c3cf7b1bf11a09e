package io.optionchain.web.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.web.RunningApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

/**
 * The positions panel in a real browser (headless Chromium, Selenium) against the application on the simulated
 * market: positions are opened through the REST API with the token, as a strategy would, and the page (which
 * only reads) must show them live, with their P&amp;L, the strategy totals, the risk desk's decisions and the
 * held legs marked in the chain. The tests run in order: the panel starts empty, and the last one photographs
 * what the others opened.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PositionsPanelBrowserTest {
    private static final Duration WAIT = LivePage.WAIT;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rupees as the page writes them: Indian grouping, two decimals, a sign on P&amp;L. */
    private static final String MONEY = "[+-]?(\\d{1,2}(,\\d{2})*,\\d{3}|\\d{1,3})\\.\\d{2}";
    private static final String GREEN = "rgb(21, 128, 61)";
    private static final String RED = "rgb(220, 38, 38)";
    private static final String ALERT_BACKGROUND = "rgb(254, 243, 199)";

    private LivePage page;
    private RunningApplication app;
    private WebDriver browser;
    private WebDriverWait await;

    @BeforeAll
    void start(@TempDir Path data, @TempDir Path profile) throws Exception {
        page = LivePage.open(data, profile, "/option-chain?underlying=NIFTY");
        app = page.app();
        browser = page.browser();
        await = page.await();
        await.until(d -> page.count("#chain-body tr") == 41 && page.count("#chain-body tr.atm-row") == 1);
    }

    @AfterAll
    void stop() {
        if (page != null) {
            page.close();
        }
    }

    @Test
    @Order(1)
    void shouldSayThereAreNoPositionsBeforeAnyIsOpened() {
        await.withMessage(() -> "positions panel: " + page.script("return document.getElementById('positions-body').textContent;"))
                .until(d -> "live".equals(page.script("return document.getElementById('positions-status').textContent;")));
        assertThat(page.texts("#positions-body tr")).containsExactly("no positions");
        assertThat(page.texts("#strategies-body tr")).containsExactly("no strategies");
        assertThat(page.texts("#decisions li")).containsExactly("no decisions yet");
        assertThat(page.count("#chain-body td.held")).isZero();
    }

    @Test
    @Order(2)
    void shouldShowAnOpenPositionWithALiveProfitAndLossAndMarkItsLegInTheChain() {
        JsonNode atm = row(chain(), 0);
        String symbol = atm.at("/ce_data/symbol").asText();
        double bid = atm.at("/ce_data/bid").asDouble();
        double ask = atm.at("/ce_data/ask").asDouble();
        double stop = tick(bid * 0.3);
        double target = tick(ask * 3);
        long id = open(Map.of("strategy", "long-call", "stop", stop, "target", target,
                "legs", List.of(Map.of("symbol", symbol, "side", "long", "lots", 1, "entry_price", ask))));

        Map<String, Object> shown = awaitPosition(id, p -> "OPEN".equals(p.get("state"))
                && String.valueOf(p.get("pnl")).matches(MONEY));
        assertThat(shown.get("strategy")).isEqualTo("long-call");
        assertThat(shown.get("legs")).isEqualTo(List.of(symbol + " long 1 lot"));
        assertThat(shown.get("entry")).isEqualTo(rupees(ask));
        assertThat(shown.get("stop")).isEqualTo(rupees(stop));
        assertThat(shown.get("target")).isEqualTo(rupees(target));
        assertThat((String) shown.get("mark")).matches(MONEY);
        assertColouredBySign(shown);

        // the bid moves with the simulated index, and the P&L with it
        String first = (String) shown.get("pnl");
        Map<String, Object> later = awaitPosition(id, p -> String.valueOf(p.get("pnl")).matches(MONEY)
                && !first.equals(p.get("pnl")));
        assertColouredBySign(later);

        Map<String, Object> strategy = awaitStrategy("long-call", s -> "1".equals(s.get("open")));
        assertThat(strategy.get("positions")).isEqualTo("1");
        assertThat((String) strategy.get("pnl")).matches(MONEY);

        // the held call is badged in the chain, its cell still showing just the price
        Map<String, Object> cell = awaitLtpCell(atm, "ce", c -> String.valueOf(c.get("class")).contains("held"));
        assertThat((String) cell.get("class")).contains("held-long");
        assertThat(cell.get("badge")).isEqualTo("L1");
        assertThat((String) cell.get("text")).matches("[\\d,]+\\.\\d{2}");
        assertThat((String) cell.get("title")).contains("#" + id + " long-call");
        assertThat(page.count("#chain-body td.held")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void shouldShowTheTriggerAndTheFillOfAStopAlreadyReachedUntilThePositionIsClosed() {
        JsonNode atm = row(chain(), 0);
        String symbol = atm.at("/pe_data/symbol").asText();
        double bid = atm.at("/pe_data/bid").asDouble();
        double ask = atm.at("/pe_data/ask").asDouble();
        double stop = tick(bid + 5); // a long's stop above its bid: reached on the put's next tick
        long id = open(Map.of("strategy", "stop-now", "stop", stop,
                "legs", List.of(Map.of("symbol", symbol, "side", "long", "lots", 1, "entry_price", ask))));

        Map<String, Object> closed = awaitPosition(id, p -> "CLOSED".equals(p.get("state")));
        assertThat((String) closed.get("exit")).startsWith("stop @ ");
        assertThat((String) closed.get("pnl")).matches(MONEY);
        assertColouredBySign(closed);

        List<Map<String, Object>> decisions = awaitDecisions(id, kinds -> kinds.containsAll(List.of("TRIGGER", "FILL", "CLOSED")));
        List<Object> kinds = decisions.stream().map(d -> d.get("kind")).toList();
        // newest first: the close after the fill after the trigger
        assertThat(kinds.indexOf("CLOSED")).isLessThan(kinds.indexOf("FILL"));
        assertThat(kinds.indexOf("FILL")).isLessThan(kinds.indexOf("TRIGGER"));
        Map<String, Object> trigger = decisions.get(kinds.indexOf("TRIGGER"));
        assertThat(trigger.get("time")).asString().matches("\\d{2}:\\d{2}:\\d{2}\\.\\d{3}");
        assertThat(trigger.get("symbol")).isEqualTo(symbol);
        assertThat(trigger.get("facts")).asInstanceOf(LIST).anySatisfy(f -> assertThat(f).asString().matches("mark " + MONEY))
                .contains("stop " + rupees(stop))
                .anySatisfy(f -> assertThat(f).asString().matches("latency (\\d+ µs|[\\d.]+ ms)"));
        assertThat(trigger.get("background")).as("a trigger stands out").isNotEqualTo("rgba(0, 0, 0, 0)");
        Map<String, Object> fill = decisions.get(kinds.indexOf("FILL"));
        assertThat(fill.get("symbol")).isEqualTo(symbol);
        assertThat(fill.get("facts")).asInstanceOf(LIST).anySatisfy(f -> assertThat(f).asString().matches("filled " + MONEY));

        Map<String, Object> strategy = awaitStrategy("stop-now", s -> "0".equals(s.get("open")));
        assertThat(strategy.get("realized_pnl")).isEqualTo(closed.get("pnl"));
        // a closed position holds nothing: its put is not badged
        awaitLtpCell(atm, "pe", c -> !String.valueOf(c.get("class")).contains("held"));
    }

    @Test
    @Order(4)
    void shouldHighlightANearStopAlertAndSaveAScreenshotOfThePanel() throws Exception {
        // 5 % below the bid: within the shipped 10 % alert distance, not yet reached. The simulated index can move
        // the option that far between reading the chain and opening on a busy machine, and then the first tick
        // triggers the stop before any alert: that position is left to exit, and another opened from a fresh chain
        String symbol = null;
        long id = -1;
        List<Map<String, Object>> decisions = List.of();
        for (int attempt = 0; attempt < 5 && decisions.stream().noneMatch(d -> "ALERT".equals(d.get("kind")));
             attempt++) {
            JsonNode itm = row(chain(), -3);
            symbol = itm.at("/ce_data/symbol").asText();
            double bid = itm.at("/ce_data/bid").asDouble();
            double ask = itm.at("/ce_data/ask").asDouble();
            id = open(Map.of("strategy", "near-stop", "stop", tick(bid * 0.95),
                    "legs", List.of(Map.of("symbol", symbol, "side", "long", "lots", 2, "entry_price", ask))));
            decisions = awaitDecisions(id, kinds -> kinds.contains("ALERT") || kinds.contains("TRIGGER"));
        }
        Map<String, Object> alert = decisions.stream().filter(d -> "ALERT".equals(d.get("kind"))).findFirst().orElseThrow();
        assertThat(alert.get("background")).as("an alert is highlighted").isEqualTo(ALERT_BACKGROUND);
        assertThat(alert.get("symbol")).isEqualTo(symbol);
        assertThat(alert.get("facts")).asInstanceOf(LIST).anySatisfy(f -> assertThat(f).asString().matches("stop " + MONEY));
        assertThat(awaitPosition(id, p -> true).get("legs")).isEqualTo(List.of(symbol + " long 2 lots"));
        assertThat(page.count("#strategies-total td")).isEqualTo(6);

        Thread.sleep(1_500); // one more chart redraw, so the picture shows everything
        Path shot = HeadlessChromium.screenshot(browser, "option-chain-positions.png");
        assertThat(Files.size(shot)).isGreaterThan(20_000);
    }

    // ---- the application's API ----

    /** NIFTY's chain once the ATM row's and its neighbours' books are known on both sides. */
    private JsonNode chain() {
        try {
            return app.http().awaitChain("NIFTY", chain -> {
                for (int offset : new int[] {0, -3}) {
                    JsonNode row = row(chain, offset);
                    for (String leg : List.of("/ce_data/", "/pe_data/")) {
                        if (!row.at(leg + "bid").isNumber() || !row.at(leg + "ask").isNumber()) {
                            return false;
                        }
                    }
                }
                return true;
            });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The row {@code offset} strikes from ATM (negative: below). */
    private static JsonNode row(JsonNode chain, int offset) {
        JsonNode options = chain.get("options");
        for (int i = 0; i < options.size(); i++) {
            if ("ATM".equals(options.get(i).get("tag").asText())) {
                return options.get(i + offset);
            }
        }
        throw new AssertionError("no ATM row in " + chain);
    }

    private long open(Map<String, Object> position) {
        try {
            HttpResponse<String> response = app.http().send("POST", "/api/positions",
                    JSON.writeValueAsString(position), RunningApplication.TOKEN);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            return JSON.readTree(response.body()).get("id").asLong();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A premium on NSE's 0.05 price step. */
    private static double tick(double premium) {
        return Math.max(0.05, Math.round(premium * 20) / 20.0);
    }

    /** Rupees as the page shows an entry or a level (below ₹1,000 here: no grouping needed). */
    private static String rupees(double premium) {
        return BigDecimal.valueOf(premium).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    // ---- what the page shows; each read is one script call, so it sees one moment ----

    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitPosition(long id, Predicate<Map<String, Object>> shown) {
        String read = "const tr = document.querySelector('#positions-body tr[data-position-id=\"' + arguments[0] + '\"]');"
                + "if (!tr) return null;"
                + "const cell = (c) => tr.querySelector('td.' + c);"
                + "const p = {state: tr.dataset.state, pnlClass: cell('pnl').className, pnlColour: getComputedStyle(cell('pnl')).color,"
                + " legs: Array.from(tr.querySelectorAll('.leg-line')).map(l => Array.from(l.children).map(s => s.textContent).join(' '))};"
                + "for (const c of ['strategy', 'entry', 'mark', 'stop', 'target', 'exit', 'pnl']) p[c] = cell(c).textContent;"
                + "return p;";
        Object[] last = new Object[1];
        return await.withMessage(() -> "position #" + id + " as shown: " + last[0]).until(d -> {
            Map<String, Object> position = (Map<String, Object>) page.script(read, id);
            last[0] = position;
            return position != null && shown.test(position) ? position : null;
        });
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitStrategy(String name, Predicate<Map<String, Object>> shown) {
        String read = "const tr = document.querySelector('#strategies-body tr[data-strategy=\"' + arguments[0] + '\"]');"
                + "if (!tr) return null;"
                + "const t = Array.from(tr.children).map(td => td.textContent);"
                + "return {positions: t[1], open: t[2], realized_pnl: t[3], unrealized_pnl: t[4], pnl: t[5]};";
        Object[] last = new Object[1];
        return await.withMessage(() -> "strategy " + name + " as shown: " + last[0]).until(d -> {
            Map<String, Object> strategy = (Map<String, Object>) page.script(read, name);
            last[0] = strategy;
            return strategy != null && shown.test(strategy) ? strategy : null;
        });
    }

    /** The decisions about position {@code id}, newest first, once their kinds satisfy {@code complete}. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> awaitDecisions(long id, Predicate<List<Object>> complete) {
        String read = "return Array.from(document.querySelectorAll('#decisions li.decision'))"
                + ".filter(li => li.dataset.positionId === String(arguments[0]))"
                + ".map(li => ({kind: li.dataset.kind, time: li.querySelector('.d-time').textContent,"
                + " symbol: li.querySelector('.d-symbol').textContent,"
                + " facts: Array.from(li.querySelectorAll('.fact')).map(f => f.textContent),"
                + " background: getComputedStyle(li).backgroundColor}));";
        Object[] last = new Object[1];
        return await.withMessage(() -> "decisions on #" + id + ": " + last[0]).until(d -> {
            List<Map<String, Object>> decisions = (List<Map<String, Object>>) page.script(read, id);
            last[0] = decisions;
            return complete.test(decisions.stream().map(m -> m.get("kind")).toList()) ? decisions : null;
        });
    }

    /** The LTP cell of one side of {@code row}'s strike in the chain table. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitLtpCell(JsonNode row, String side, Predicate<Map<String, Object>> shown) {
        String strike = BigDecimal.valueOf(row.get("strike").asDouble()).stripTrailingZeros().toPlainString();
        String read = "const tr = document.querySelector('#chain-body tr[data-strike=\"' + arguments[0] + '\"]');"
                + "if (!tr) return null;"
                + "const td = tr.querySelector('td.' + arguments[1] + '.ltp');"
                + "return {class: td.className, badge: td.dataset.held || '', title: td.title, text: td.textContent};";
        Object[] last = new Object[1];
        return await.withMessage(() -> side + " LTP cell of strike " + strike + ": " + last[0]).until(d -> {
            Map<String, Object> cell = (Map<String, Object>) page.script(read, strike, side);
            last[0] = cell;
            return cell != null && shown.test(cell) ? cell : null;
        });
    }

    private static void assertColouredBySign(Map<String, Object> position) {
        String pnl = (String) position.get("pnl");
        if (pnl.startsWith("+")) {
            assertThat((String) position.get("pnlClass")).contains("pnl-up");
            assertThat(position.get("pnlColour")).as("a profit is green").isEqualTo(GREEN);
        } else if (pnl.startsWith("-")) {
            assertThat((String) position.get("pnlClass")).contains("pnl-down");
            assertThat(position.get("pnlColour")).as("a loss is red").isEqualTo(RED);
        } else {
            assertThat(pnl).isEqualTo("0.00");
            assertThat((String) position.get("pnlClass")).doesNotContain("pnl-up", "pnl-down");
        }
    }

}
