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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application over a journal damaged between two runs, as an operator meets it: nothing is sent for the
 * positions the damage may hide, status and /metrics say what was skipped and where the original is kept, and a
 * person resolves each held position over the API.
 */
class DamagedJournalTest {
    private static final String API_KEY = "damaged-journal-key-7e1f";
    private static final String TOKEN = "damaged-journal-token-4c2a9b";
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
    void shouldHoldWhatADamagedJournalMayHideUntilAPersonResolvesIt() throws Exception {
        market = OpenAlgoSimulator.start(SimulatorConfig.defaults(API_KEY).withSeed(17).withTicksPerSecond(1_000));
        application = start();
        JsonNode chain = application.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);
        Path journal = data.resolve("positions.journal");
        long first = open(chain.get("options").get(20).get("ce_data"));
        long before = Files.size(journal);
        long second = open(chain.get("options").get(21).get("ce_data"));
        long after = Files.size(journal);
        int orders = market.orders().size();
        application.close();

        byte[] bytes = Files.readAllBytes(journal);
        int damaged = (int) (before + (after - before) / 2);       // inside the second position's OPENED record
        bytes[damaged] ^= 0x5A;
        Files.write(journal, bytes);
        application = start();

        JsonNode status = JSON.readTree(application.http().get("/api/option-chain/status").body()).get("journal");
        assertThat(status.get("records_skipped").asLong()).isPositive();
        assertThat(status.get("kept_aside").asText()).contains("positions.journal.damaged-");
        assertThat(Files.exists(Path.of(status.get("kept_aside").asText()))).isTrue();
        List<Long> review = new ArrayList<>();
        status.get("needs_review").forEach(id -> review.add(id.asLong()));
        assertThat(review).as("open before the lost record: it may hide this one's exit").contains(first);
        assertThat(application.http().get("/metrics").body()).containsPattern("optionchain_journal_records_skipped [1-9]");
        assertThat(state(first)).isEqualTo("NEEDS_REVIEW");

        assertThat(application.http().send("POST", "/api/positions/" + first + "/exit", null, TOKEN).statusCode())
                .as("held: no exit until resolved").isEqualTo(409);
        assertThat(application.http().send("POST", "/api/positions/" + first + "/review", "{\"watch\":\"yes\"}",
                TOKEN).statusCode()).as("a body that is not a decision").isEqualTo(400);
        assertThat(JSON.readTree(review(first, true).body()).get("state").asText()).isEqualTo("OPEN");
        assertThat(state(first)).isEqualTo("OPEN");
        assertThat(review(first, false).statusCode()).as("already resolved").isEqualTo(409);
        assertThat(market.orders()).as("nothing sent for a held position").hasSize(orders);
        long next = open(chain.get("options").get(22).get("ce_data"));
        assertThat(next).as("the lost record's id is never used again").isGreaterThan(second);
        application.http().send("DELETE", "/api/positions/" + first, null, TOKEN);
        application.http().send("DELETE", "/api/positions/" + next, null, TOKEN);
    }

    private RunningApplication start() throws Exception {
        return RunningApplication.in(data).on(market, API_KEY).token(TOKEN).fastRecovery().start();
    }

    private long open(JsonNode leg) throws Exception {
        double bid = leg.get("bid").asDouble();
        HttpResponse<String> response = application.http().send("POST", "/api/positions",
                "{\"strategy\":\"held\",\"legs\":[{\"symbol\":\"" + leg.get("symbol").asText()
                        + "\",\"side\":\"long\",\"lots\":1,\"entry_price\":" + bid + "}],\"stop\":"
                        + Math.max(0.05, Math.floor(bid / 3)) + "}", TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asLong();
    }

    private String state(long id) throws Exception {
        return JSON.readTree(application.http().get("/api/positions/" + id).body()).get("state").asText();
    }

    private HttpResponse<String> review(long id, boolean watch) throws Exception {
        return application.http().send("POST", "/api/positions/" + id + "/review", "{\"watch\":" + watch + "}", TOKEN);
    }
}
