package io.optionchain.web.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.web.RunningApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chromium.ChromiumDriver;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The positions table takes the stream's changes in place: after the whole book on connecting, a position that
 * changes reaches the page as a {@code positions-changed} event and its row is updated, with no whole book sent
 * again and no other row rebuilt. Headless Chromium against the application on the embedded market.
 */
class PositionChangesBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Run by Chromium before the page's own scripts: counts the positions stream's events by name, seen before the
     * page's listeners see them (this one is added first).
     */
    private static final String COUNT_EVENTS = """
            window.positionsEvents = {};
            window.EventSource = class extends window.EventSource {
              constructor(url, options) {
                super(url, options);
                if (String(url).includes('/api/positions/stream')) {
                  for (const name of ['positions', 'positions-changed']) {
                    this.addEventListener(name, () => {
                      window.positionsEvents[name] = (window.positionsEvents[name] || 0) + 1;
                    });
                  }
                }
              }
            };
            """;

    @Test
    void shouldShowAChangeToOnePositionWithoutReloadingTheTable(@TempDir Path data, @TempDir Path profile)
            throws Exception {
        try (LivePage page = LivePage.open(data, profile, "/option-chain?underlying=NIFTY")) {
            RunningApplication app = page.app();
            JsonNode atm = atm(app.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted));
            List<Long> ids = List.of(open(app, atm, "steady"), open(app, atm, "steady"), open(app, atm, "watched"));
            long watched = ids.get(2);
            ((ChromiumDriver) page.browser()).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                    Map.of("source", COUNT_EVENTS));
            page.browser().get(app.url("/option-chain?underlying=NIFTY"));
            page.await().until(d -> page.count("#positions-body tr[data-state=OPEN]") == 3);
            assertThat(events(page, "positions")).as("the whole book, once").isEqualTo(1);
            // a mark on each row's element: a row rebuilt would be a new element without it
            page.script("document.querySelectorAll('#positions-body tr').forEach(tr => tr.firstRendered = true);");

            cancel(app, watched);

            page.await().withMessage("position #" + watched + " shown cancelled").until(d -> "CANCELLED".equals(
                    page.script("return document.querySelector('#positions-body tr[data-position-id=\"' + arguments[0]"
                            + " + '\"]').dataset.state;", watched)));
            assertThat(events(page, "positions")).as("no whole book sent again").isEqualTo(1);
            assertThat(events(page, "positions-changed")).isPositive();
            assertThat(page.script("return Array.from(document.querySelectorAll('#positions-body tr'))"
                    + ".map(tr => tr.dataset.positionId + ':' + (tr.firstRendered === true));"))
                    .as("newest first, every row the element first rendered")
                    .isEqualTo(List.of(watched + ":true", ids.get(1) + ":true", ids.get(0) + ":true"));
            assertThat(page.texts("#positions-body tr[data-position-id=\"" + watched + "\"] td.state"))
                    .containsExactly("CANCELLED");
        }
    }

    private static long events(LivePage page, String name) {
        Object count = page.script("return window.positionsEvents[arguments[0]] || 0;", name);
        return ((Number) count).longValue();
    }

    private static JsonNode atm(JsonNode chain) {
        for (JsonNode row : chain.get("options")) {
            if ("ATM".equals(row.get("tag").asText())) {
                return row.get("ce_data");
            }
        }
        throw new AssertionError("no ATM row in " + chain);
    }

    /** A long ATM call with its stop far below the market: open until cancelled. */
    private static long open(RunningApplication app, JsonNode leg, String strategy) throws Exception {
        HttpResponse<String> response = app.http().send("POST", "/api/positions", "{\"strategy\":\"" + strategy
                + "\",\"legs\":[{\"symbol\":\"" + leg.get("symbol").asText() + "\",\"side\":\"long\",\"lots\":1,"
                + "\"entry_price\":" + leg.get("ask").asDouble() + "}],\"stop\":0.05}", RunningApplication.TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asLong();
    }

    private static void cancel(RunningApplication app, long id) throws Exception {
        HttpResponse<String> response = app.http().send("DELETE", "/api/positions/" + id, null,
                RunningApplication.TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
