package io.optionchain.simulator.rest;

import io.optionchain.simulator.ApiClient;
import io.optionchain.simulator.ApiClient.Reply;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import io.optionchain.simulator.rest.TelegramApi.TelegramNotification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** OpenAlgo's {@code telegram/notify} as the simulator serves it, over real HTTP, and its failure on demand. */
class TelegramApiTest {
    private static final String KEY = "telegram-test-key";
    private OpenAlgoSimulator simulator;
    private ApiClient api;

    @BeforeEach
    void start() {
        simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(5));
        api = new ApiClient(simulator.restUrl());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void shouldDeliverANotificationAndKeepWhatItReceived() throws Exception {
        Reply reply = api.post("telegram/notify", Map.of("apikey", KEY, "username", "john_trader",
                "message", "Stop loss hit on NIFTY", "priority", 10));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("status").asText()).isEqualTo("success");
        assertThat(reply.message()).isEqualTo("Notification sent successfully");
        assertThat(simulator.telegramNotifications())
                .containsExactly(new TelegramNotification("john_trader", "Stop loss hit on NIFTY", 10));
    }

    @Test
    void shouldDefaultThePriorityToFiveAsOpenAlgoDoes() throws Exception {
        api.post("telegram/notify", Map.of("apikey", KEY, "username", "u", "message", "m"));

        assertThat(simulator.telegramNotifications()).containsExactly(new TelegramNotification("u", "m", 5));
    }

    @Test
    void shouldRefuseAWrongKeyWith401AndMissingFieldsWith400DeliveringNothing() throws Exception {
        Reply wrongKey = api.post("telegram/notify", Map.of("apikey", "nope", "username", "u", "message", "m"));
        Reply noMessage = api.post("telegram/notify", Map.of("apikey", KEY, "username", "u"));

        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.message()).isEqualTo("Invalid or missing API key");
        assertThat(noMessage.status()).isEqualTo(400);
        assertThat(noMessage.message()).isEqualTo("Username and message are required");
        assertThat(simulator.telegramNotifications()).isEmpty();
    }

    @Test
    void shouldFailTheNextNotificationsOnDemandThenDeliverAgain() throws Exception {
        simulator.faults().failTelegram(2);
        Map<String, Object> body = Map.of("apikey", KEY, "username", "u", "message", "m");

        assertThat(api.post("telegram/notify", body).status()).isEqualTo(500);
        Reply second = api.post("telegram/notify", body);
        Reply third = api.post("telegram/notify", body);

        assertThat(second.status()).isEqualTo(500);
        assertThat(second.message()).isEqualTo(TelegramApi.FAILED_MESSAGE);
        assertThat(third.status()).isEqualTo(200);
        assertThat(simulator.telegramNotifications()).hasSize(1);
    }

    @Test
    void shouldSwitchTheFailureOverTheFaultRoutes() throws Exception {
        Reply switched = api.control("POST", "faults/fail-telegram?n=1");

        assertThat(switched.body().path("faults").path("fail_telegram_remaining").asInt()).isEqualTo(1);
        assertThat(api.post("telegram/notify", Map.of("apikey", KEY, "username", "u", "message", "m")).status())
                .isEqualTo(500);
    }
}
