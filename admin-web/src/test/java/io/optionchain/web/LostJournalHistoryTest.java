package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The positions journal moved aside by an operator while the broker still holds a position it knew: the next start
 * says the history was lost (status, /metrics), lists what the broker holds that no journalled position accounts
 * for, and refuses a position on that symbol until a person acknowledges the loss, once, for good.
 */
class LostJournalHistoryTest {
    private static final String API_KEY = "lost-history-key-2b7d";
    private static final String TOKEN = "lost-history-token-9f3c1a";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    private OpenAlgoSimulator market;
    private RunningApplication application;

    @AfterEach
    void stop() {
        if (application != null) {
            application.close();
        }
        if (market != null) {
            market.close();
        }
    }

    @Test
    void shouldHoldPositionsOnSymbolsTheBrokerHoldsUntilTheLostHistoryIsAcknowledged() throws Exception {
        market = OpenAlgoSimulator.start(SimulatorConfig.defaults(API_KEY).withSeed(23).withTicksPerSecond(1_000));
        application = start();
        JsonNode leg = application.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted)
                .get("options").get(20).get("ce_data");
        String symbol = leg.get("symbol").asText();
        BrokerEntries.buy(market, API_KEY, symbol, 65);
        assertThat(register(symbol, "bought").statusCode()).isEqualTo(201);
        application.close();
        application = null;
        // the operator renames the journal away; the audit log, chain state and this file stay
        Files.move(data.resolve("positions.journal"), data.resolve("positions.journal.by-hand"));

        application = start();

        JsonNode lost = application.http().awaitStatus(status -> !status.path("journal").path("history_lost")
                .path("broker_holdings").isMissingNode() && status.path("journal").path("history_lost")
                .path("broker_holdings").isArray()).get("journal").get("history_lost");
        assertThat(lost.get("acknowledged").asBoolean()).isFalse();
        assertThat(lost.get("cause").asText()).contains("positions.journal.by-hand");
        assertThat(lost.get("since").asText()).isNotBlank();
        assertThat(lost.get("broker_holdings")).hasSize(1);
        JsonNode holding = lost.get("broker_holdings").get(0);
        assertThat(holding.get("symbol").asText()).isEqualTo(symbol);
        assertThat(holding.get("quantity").asLong()).isEqualTo(65);
        assertThat(holding.get("product").asText()).isEqualTo("MIS");
        assertThat(application.http().get("/metrics").body()).contains("optionchain_journal_history_lost 1");

        HttpResponse<String> refused = register(symbol, "again");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(JSON.readTree(refused.body()).get("message").asText()).contains(symbol)
                .contains("POST /api/journal/acknowledge");
        int orders = market.orders().size();

        assertThat(application.http().send("POST", "/api/journal/acknowledge", null, null).statusCode())
                .as("needs the token").isEqualTo(401);
        HttpResponse<String> acknowledged = application.http().send("POST", "/api/journal/acknowledge", null, TOKEN);
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
        assertThat(JSON.readTree(acknowledged.body()).get("history_lost").get("acknowledged").asBoolean()).isTrue();
        long journalBytes = Files.size(data.resolve("positions.journal"));
        assertThat(application.http().send("POST", "/api/journal/acknowledge", null, TOKEN).statusCode())
                .as("a second acknowledgement is harmless").isEqualTo(200);
        assertThat(Files.size(data.resolve("positions.journal"))).as("and writes nothing").isEqualTo(journalBytes);
        assertThat(application.http().get("/metrics").body()).contains("optionchain_journal_history_lost 0");
        HttpResponse<String> accepted = register(symbol, "again");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        assertThat(market.orders()).as("nothing was sent for the held symbol").hasSize(orders);
        application.close();
        application = null;

        application = start();
        JsonNode journal = JSON.readTree(application.http().get("/api/option-chain/status").body()).get("journal");
        assertThat(journal.get("history_lost").get("acknowledged").asBoolean()).as("not asked again").isTrue();
        HttpResponse<String> afterRestart = register(symbol, "after-restart");
        assertThat(afterRestart.statusCode()).as(afterRestart.body()).isEqualTo(201);
    }

    private RunningApplication start() throws Exception {
        return RunningApplication.in(data).on(market, API_KEY).token(TOKEN).fastRecovery().start();
    }

    /** A long of one lot with its stop far below, so nothing exits during the test. */
    private HttpResponse<String> register(String symbol, String strategy) throws Exception {
        return application.http().send("POST", "/api/positions", "{\"strategy\":\"" + strategy
                + "\",\"legs\":[{\"symbol\":\"" + symbol + "\",\"side\":\"long\",\"lots\":1,\"entry_price\":100}],"
                + "\"stop\":0.05}", TOKEN);
    }
}
