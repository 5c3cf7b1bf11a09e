package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import io.optionchain.simulator.rest.TelegramApi.TelegramNotification;
import io.optionchain.web.alerts.WebhookReceiver;
import io.optionchain.web.config.AlertsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerts out from the running application on the simulated OpenAlgo: a short whose stop fires at once is
 * announced to a webhook (a JDK server on 127.0.0.1) with its TRIGGER and its FILL, and through OpenAlgo's Telegram
 * service of the primary account; status and /metrics count what was sent, naming the target by its label.
 */
class AlertsEndToEndTest {
    private static final String API_KEY = "alerts-e2e-key-5c1f93";
    private static final String TOKEN = "alerts-e2e-token-a2d4e6";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path data;
    private OpenAlgoSimulator market;
    private RunningApplication application;
    private WebhookReceiver receiver;

    @AfterEach
    void stop() {
        if (application != null) {
            application.close();
        }
        if (market != null) {
            market.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void shouldAnnounceAFiredStopsTriggerAndFillToTheWebhookAndTelegram() throws Exception {
        receiver = WebhookReceiver.start();
        market = OpenAlgoSimulator.start(SimulatorConfig.defaults(API_KEY).withSeed(31).withTicksPerSecond(500));
        AlertsConfig alerts = new AlertsConfig(64, 5, 100, 1_000, 5_000,
                List.of(new AlertsConfig.Webhook("desk", receiver.url("/hooks/T0/B0/secret-token"), null)),
                new AlertsConfig.Telegram(true, "john_trader", null));
        application = RunningApplication.in(data).on(market, API_KEY).token(TOKEN)
                .config(c -> c.withAlerts(alerts)).start();
        JsonNode leg = application.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted)
                .get("options").get(20).get("pe_data");
        String symbol = leg.get("symbol").asText();
        double ask = leg.get("ask").asDouble();
        // a short's stop far under the ask: the symbol's next tick fires it
        HttpResponse<String> opened = application.http().send("POST", "/api/positions", "{\"strategy\":\"alerted\","
                + "\"legs\":[{\"symbol\":\"" + symbol + "\",\"side\":\"short\",\"lots\":1,\"entry_price\":" + ask
                + "}],\"stop\":" + Math.floor(ask / 2) + "}", TOKEN);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        long id = JSON.readTree(opened.body()).get("id").asLong();

        JsonNode trigger = receiver.await(b -> b.get("kind").asText().equals("TRIGGER")
                && b.get("position_id").asLong() == id, WAIT);
        JsonNode fill = receiver.await(b -> b.get("kind").asText().equals("FILL")
                && b.get("position_id").asLong() == id, WAIT);

        assertThat(trigger).as("the webhook got the trigger").isNotNull();
        assertThat(trigger.get("reason").asText()).isEqualTo("STOP");
        assertThat(trigger.get("strategy").asText()).isEqualTo("alerted");
        assertThat(trigger.get("time").asText()).endsWith("+05:30");
        assertThat(fill).as("the webhook got the fill").isNotNull();
        assertThat(fill.get("symbol").asText()).isEqualTo(symbol);
        assertThat(fill.get("price").asDouble()).isPositive();
        assertThat(receiver.received()).as("orders sent and the close are not among the default kinds")
                .noneMatch(b -> List.of("OPENED", "ORDER_SENT", "CLOSED").contains(b.get("kind").asText()));

        List<TelegramNotification> telegram = awaitTelegram(2);
        assertThat(telegram).extracting(TelegramNotification::username).containsOnly("john_trader");
        assertThat(telegram).extracting(TelegramNotification::message)
                .anyMatch(m -> m.startsWith("TRIGGER · position " + id + " (alerted) · STOP")) // the whole position's
                .anyMatch(m -> m.startsWith("FILL " + symbol + " · position " + id));

        JsonNode status = application.http().getJson("/api/option-chain/status").get("alerts");
        assertThat(status.get("targets")).extracting(t -> t.get("name").asText()).containsExactly("desk", "telegram");
        assertThat(status.get("targets").get(0).get("sent").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(status.toString()).doesNotContain("secret-token").doesNotContain(API_KEY);
        String metrics = application.http().get("/metrics").body();
        assertThat(metrics).contains("optionchain_alerts_dropped_total 0")
                .containsPattern("optionchain_alerts_sent_total\\{target=\"desk\"} [1-9]");
    }

    private List<TelegramNotification> awaitTelegram(int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (market.telegramNotifications().size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(market.telegramNotifications()).hasSizeGreaterThanOrEqualTo(count);
        return market.telegramNotifications();
    }
}
