package io.optionchain.web.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import io.optionchain.web.RunningApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The positions panel shows net Δ, Γ, Θ and ν of each position, under each strategy and under the total, as
 * {@code GET /api/positions} gives them, rounded for reading: headless Chromium against a simulated OpenAlgo the
 * test pauses, so the page and the API see the same quotes.
 */
class PositionGreeksBrowserTest {
    private static final String KEY = "position-greeks-browser-5e1a";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FIELDS = {"delta", "gamma", "theta", "vega"};
    private static final int[] DECIMALS = {2, 4, 2, 2};
    /** Each Greek's cell, read in one script call: one moment of the page. */
    private static final String READ = """
            const read = (el) => el ? Array.from(el.querySelectorAll('.greek'))
                .map(g => g.dataset.greek + ' ' + g.textContent) : null;
            const out = {};
            for (const tr of document.querySelectorAll('#positions-body tr[data-position-id]')) {
              out['#' + tr.dataset.positionId] = read(tr.querySelector('td.greeks'));
            }
            for (const tr of document.querySelectorAll('#strategies-body tr.greeks-row')) {
              out[tr.dataset.greeksOf] = read(tr);
            }
            const total = document.getElementById('strategies-total-greeks');
            out.total = total.hidden ? null : read(total);
            return out;
            """;

    @Test
    void shouldShowEachPositionsAndStrategysNetGreeksAndTheBooks(@TempDir Path data, @TempDir Path profile)
            throws Exception {
        try (OpenAlgoSimulator market = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(61)
                .withTicksPerSecond(1_000));
             LivePage page = LivePage.open(RunningApplication.in(data).on(market, KEY).token(RunningApplication.TOKEN),
                     profile, "/option-chain?underlying=NIFTY")) {
            JsonNode chain = page.app().http().awaitChain("NIFTY", c -> RunningApplication.everyLegQuoted(c)
                    && !c.at("/options/20/ce_data/delta").isNull() && !c.at("/options/20/pe_data/delta").isNull()
                    && !c.at("/options/22/ce_data/delta").isNull());
            JsonNode atm = chain.get("options").get(20);
            long straddle = open(page, "short-straddle", "short", atm.get("ce_data"), atm.get("pe_data"));
            long hedge = open(page, "hedge", "long", chain.get("options").get(22).get("ce_data"));

            market.rate(0);
            AtomicReference<Map<String, List<String>>> shownRef = new AtomicReference<>();
            AtomicReference<Map<String, List<String>>> wanted = new AtomicReference<>();
            page.await().withMessage(() -> "the panel shows " + shownRef.get() + ", the API says " + wanted.get())
                    .until(d -> {
                        wanted.set(expected(page));
                        shownRef.set(read(page));
                        return wanted.get().equals(shownRef.get());
                    });
            Map<String, List<String>> shown = shownRef.get();

            List<String> sold = shown.get("#" + straddle);
            assertThat(sold).hasSize(4);
            assertThat(sold.get(0)).matches("delta Δ [+-]?[\\d,]+\\.\\d{2}");
            assertThat(sold.get(1)).as("a short straddle loses as the index moves").matches("gamma Γ -\\d+\\.\\d{4}");
            assertThat(sold.get(2)).as("and earns as days pass").matches("theta Θ \\+[\\d,]+\\.\\d{2}");
            assertThat(sold.get(3)).as("and loses as volatility rises").matches("vega ν -[\\d,]+\\.\\d{2}");
            assertThat(shown.get("#" + hedge).get(0)).as("a long call").matches("delta Δ \\+[\\d,]+\\.\\d{2}");
            assertThat(shown.get("short-straddle")).isEqualTo(sold);
            assertThat(shown.get("total")).hasSize(4);
            assertThat(page.count("#strategies-total td")).as("the total's P&L row keeps its cells").isEqualTo(6);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> read(LivePage page) {
        return (Map<String, List<String>>) page.script(READ);
    }

    /** What the page should show now: the API's Greeks, as the panel rounds them. */
    private static Map<String, List<String>> expected(LivePage page) {
        try {
            JsonNode book = page.app().http().getJson("/api/positions");
            Map<String, List<String>> expected = new java.util.HashMap<>();
            for (JsonNode position : book.get("positions")) {
                expected.put("#" + position.get("id").asText(), shown(position.get("greeks")));
            }
            for (JsonNode strategy : book.get("strategies")) {
                expected.put(strategy.get("strategy").asText(), shown(strategy.get("greeks")));
            }
            expected.put("total", shown(book.get("greeks")));
            return expected;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** {@code delta Δ -1.96}, … with an explicit sign, Indian grouping and JavaScript's toFixed rounding. */
    private static List<String> shown(JsonNode greeks) {
        String[] symbols = {"Δ", "Γ", "Θ", "ν"};
        List<String> shown = new ArrayList<>();
        for (int g = 0; g < FIELDS.length; g++) {
            JsonNode value = greeks.get(FIELDS[g]);
            String text = "–";
            if (value.isNumber()) {
                BigDecimal rounded = new BigDecimal(Math.abs(value.asDouble())).setScale(DECIMALS[g],
                        RoundingMode.HALF_UP);
                String plain = rounded.toPlainString();
                text = rounded.signum() == 0 ? plain : (value.asDouble() < 0 ? "-" : "+") + indian(plain);
            }
            shown.add(FIELDS[g] + " " + symbols[g] + " " + text);
        }
        return shown;
    }

    /** 123456.78 as 1,23,456.78. */
    private static String indian(String plain) {
        int dot = plain.indexOf('.');
        String whole = plain.substring(0, dot);
        String last3 = whole.length() > 3 ? whole.substring(whole.length() - 3) : whole;
        String rest = whole.length() > 3 ? whole.substring(0, whole.length() - 3) : "";
        return (rest.isEmpty() ? "" : rest.replaceAll("\\B(?=(\\d{2})+(?!\\d))", ",") + ",") + last3
                + plain.substring(dot);
    }

    private static long open(LivePage page, String strategy, String side, JsonNode... legs) throws Exception {
        List<Map<String, Object>> requested = new ArrayList<>();
        double asks = 0;
        for (JsonNode leg : legs) {
            requested.add(Map.of("symbol", leg.get("symbol").asText(), "side", side, "lots", 1, "entry_price",
                    leg.get("ask").asDouble()));
            asks += leg.get("ask").asDouble();
        }
        // a stop nowhere near: above five times the premium for a short, at the floor for a long
        double stop = side.equals("short") ? Math.round(asks * 5) : 0.05;
        HttpResponse<String> response = page.app().http().send("POST", "/api/positions",
                JSON.writeValueAsString(Map.of("strategy", strategy, "stop", stop, "legs", requested)),
                RunningApplication.TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asLong();
    }
}
