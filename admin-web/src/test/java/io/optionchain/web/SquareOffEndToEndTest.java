package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.BrokerOrder;
import io.optionchain.simulator.OpenAlgoSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A position's {@code square_off_at} over HTTP against the simulated OpenAlgo: at that time of day (Asia/Kolkata)
 * it exits with reason SQUARE_OFF and one order per leg at the simulator, whatever its stop; a time that is not
 * HH:MM[:SS] is a 400 with a JSON message; an MIS position without one takes the configured default, an NRML one
 * none.
 */
class SquareOffEndToEndTest {
    private static final String TOKEN = "square-off-token-93d4b7c2";
    private static final ObjectMapper JSON = SimulatedDesk.JSON;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @RegisterExtension
    final SimulatedDesk desk = new SimulatedDesk("square-off-key-6a1c20e9", TOKEN);

    @Test
    void shouldExitAtItsSquareOffTimeWithOneOrderPerLeg() throws Exception {
        OpenAlgoSimulator market = desk.market(37);
        RunningApplication application = desk.start(launch -> launch.config(c -> c.withRisk(
                c.risk().withMisSquareOffAt("15:15"))));
        JsonNode atm = application.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted).get("options").get(20);

        String at = Instant.now().plusSeconds(4).atZone(ZoneId.of("Asia/Kolkata")).format(TIME);
        HttpResponse<String> opened = application.http().send("POST", "/api/positions", "{\"strategy\":\"timed\","
                + "\"legs\":[" + leg(atm.get("ce_data")) + "," + leg(atm.get("pe_data")) + "],\"stop\":100000,"
                + "\"square_off_at\":\"" + at + "\"}", TOKEN);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        JsonNode position = JSON.readTree(opened.body());
        assertThat(position.get("rules").get("square_off_at").asText()).isEqualTo(at);
        long id = position.get("id").asLong();
        assertThat(market.orders()).isEmpty();

        JsonNode now = desk.awaitState(id, "CLOSED");
        assertThat(now.get("exit_reason").asText()).isEqualTo("SQUARE_OFF");
        assertThat(market.orders()).extracting(BrokerOrder::symbol).containsExactlyInAnyOrder(
                atm.get("ce_data").get("symbol").asText(), atm.get("pe_data").get("symbol").asText());

        HttpResponse<String> mis = application.http().send("POST", "/api/positions", "{\"strategy\":\"intraday\","
                + "\"product\":\"MIS\",\"legs\":[" + leg(atm.get("ce_data")) + "],\"stop\":100000}", TOKEN);
        HttpResponse<String> carried = application.http().send("POST", "/api/positions", "{\"strategy\":\"carry\","
                + "\"product\":\"NRML\",\"legs\":[" + leg(atm.get("pe_data")) + "],\"stop\":100000}", TOKEN);
        assertThat(JSON.readTree(mis.body()).get("rules").get("square_off_at").asText())
                .as("an MIS position without its own time takes risk.mis_square_off_at").isEqualTo("15:15");
        assertThat(JSON.readTree(carried.body()).get("rules").get("square_off_at").isNull()).isTrue();

        HttpResponse<String> bad = application.http().send("POST", "/api/positions", "{\"strategy\":\"timed\","
                + "\"legs\":[" + leg(atm.get("ce_data")) + "],\"square_off_at\":\"3:15 pm\"}", TOKEN);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("message").asText()).contains("square_off_at")
                .contains("HH:MM");
    }

    private static String leg(JsonNode leg) {
        return "{\"symbol\":\"" + leg.get("symbol").asText() + "\",\"side\":\"short\",\"lots\":1,\"entry_price\":"
                + leg.get("ask").asDouble() + "}";
    }
}
