package io.optionchain.web.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.optionchain.engine.ports.AuditEvent;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import io.optionchain.simulator.rest.TelegramApi.TelegramNotification;
import io.optionchain.web.json.AlertsJson;
import io.optionchain.web.json.JsonText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notifier against real HTTP on 127.0.0.1: a JDK server as the webhook, the simulator's OpenAlgo as Telegram.
 * Retry waits are a few milliseconds here so a test takes seconds; the shipped ones are in application.yaml.
 */
class AlertNotifierTest {
    /** 7 Dec 2026, 14:05:30.250 IST: the eve of a weekly expiry, fixed so the time in a body is known. */
    private static final long AT = Instant.parse("2026-12-07T08:35:30.250Z").toEpochMilli();
    private static final RetryPolicy QUICK = new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(40),
            Duration.ofSeconds(2));
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void shouldPostATriggerAsJsonWithTheDecisionsFields() throws Exception {
        WebhookReceiver receiver = opened(WebhookReceiver.start());
        AlertNotifier notifier = notifier(QUICK, 16, webhook("desk", receiver.url("/hook"), AlertKinds.DEFAULTS));

        assertThat(notifier.offer(AlertsJson.decision(trigger(7)))).isTrue();

        JsonNode body = receiver.await(b -> true, WAIT);
        assertThat(body).as("the webhook got the trigger").isNotNull();
        assertThat(body.get("kind").asText()).isEqualTo("TRIGGER");
        assertThat(body.get("time").asText()).isEqualTo("2026-12-07T14:05:30.25+05:30");
        assertThat(body.get("position_id").asLong()).isEqualTo(7);
        assertThat(body.get("strategy").asText()).isEqualTo("straddle");
        assertThat(body.get("symbol").asText()).isEqualTo("NIFTY08DEC2626000CE");
        assertThat(body.get("reason").asText()).isEqualTo("STOP");
        assertThat(body.get("mark").asDouble()).isEqualTo(152.35);
        assertThat(body.get("level").asDouble()).isEqualTo(150.0);
        assertThat(body.get("message").asText()).isEqualTo("stop reached");
        awaitCount(() -> notifier.status().targets().get(0).sent() == 1);
    }

    @Test
    void shouldSendOnlyTheKindsATargetAskedFor() throws Exception {
        WebhookReceiver receiver = opened(WebhookReceiver.start());
        AlertNotifier notifier = notifier(QUICK, 16, webhook("fills", receiver.url("/"), Set.of("FILL")));

        assertThat(notifier.offer(AlertsJson.decision(trigger(1)))).as("nobody wants a trigger").isFalse();
        notifier.offer(AlertsJson.decision(event(AuditKind.FILL, 1)));

        assertThat(receiver.await(b -> b.get("kind").asText().equals("FILL"), WAIT)).isNotNull();
        Thread.sleep(200);
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void shouldDeliverOnceAfterTwo500sByRetrying() throws Exception {
        WebhookReceiver receiver = opened(WebhookReceiver.start().answering(500, 500));
        AlertNotifier notifier = notifier(QUICK, 16, webhook("flaky", receiver.url("/"), AlertKinds.DEFAULTS));

        notifier.offer(AlertsJson.decision(trigger(3)));

        awaitCount(() -> notifier.status().targets().get(0).sent() == 1);
        AlertStatus.Target flaky = notifier.status().targets().get(0);
        assertThat(receiver.received()).as("two refused, the third taken").hasSize(3)
                .allMatch(b -> b.get("position_id").asLong() == 3);
        assertThat(flaky.retried()).isEqualTo(2);
        assertThat(flaky.failed()).isZero();
        assertThat(flaky.lastFailure()).isEqualTo("HTTP 500");
    }

    @Test
    void shouldGiveUpAfterTheConfiguredAttempts() throws Exception {
        WebhookReceiver receiver = opened(WebhookReceiver.start().answering(503, 503, 503, 503, 503, 503));
        RetryPolicy threeAttempts = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20),
                Duration.ofSeconds(2));
        AlertNotifier notifier = notifier(threeAttempts, 16, webhook("down", receiver.url("/"), AlertKinds.DEFAULTS));

        notifier.offer(AlertsJson.decision(trigger(3)));

        awaitCount(() -> notifier.status().targets().get(0).failed() == 1);
        Thread.sleep(200);
        assertThat(receiver.received()).hasSize(3);
        assertThat(notifier.status().targets().get(0).retried()).isEqualTo(2);
    }

    @Test
    void shouldNotRetryA400() throws Exception {
        WebhookReceiver receiver = opened(WebhookReceiver.start().answering(400));
        AlertNotifier notifier = notifier(QUICK, 16, webhook("strict", receiver.url("/"), AlertKinds.DEFAULTS));

        notifier.offer(AlertsJson.decision(trigger(4)));

        awaitCount(() -> notifier.status().targets().get(0).failed() == 1);
        Thread.sleep(300); // QUICK would have retried within 100 ms
        assertThat(receiver.received()).as("refused for good: sent once").hasSize(1);
        assertThat(notifier.status().targets().get(0).retried()).isZero();
        assertThat(notifier.status().targets().get(0).lastFailure()).isEqualTo("HTTP 400");
    }

    @Test
    void shouldRetryA429AndA408() throws Exception {
        WebhookReceiver receiver = opened(WebhookReceiver.start().answering(429, 408));
        AlertNotifier notifier = notifier(QUICK, 16, webhook("busy", receiver.url("/"), AlertKinds.DEFAULTS));

        notifier.offer(AlertsJson.decision(trigger(5)));

        awaitCount(() -> notifier.status().targets().get(0).sent() == 1);
        assertThat(receiver.received()).hasSize(3);
    }

    @Test
    void shouldNeverBlockTheSourceWhenTheTargetHangsAndCountWhatItDrops() throws Exception {
        WebhookReceiver receiver = opened(WebhookReceiver.start().hanging());
        AlertNotifier notifier = notifier(new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(40),
                Duration.ofSeconds(30)), 8, webhook("stuck", receiver.url("/"), AlertKinds.DEFAULTS));
        notifier.offer(AlertsJson.decision(trigger(0)));
        assertThat(receiver.await(b -> true, WAIT)).as("the sender is held by the hung target").isNotNull();

        long slowest = 0;
        int queued = 0;
        for (int i = 1; i <= 200; i++) {
            AlertsJson.decision(trigger(i)); // built before the clock starts: only the offer is timed
            long start = System.nanoTime();
            queued += notifier.offer(AlertsJson.decision(trigger(i))) ? 1 : 0;
            slowest = Math.max(slowest, System.nanoTime() - start);
        }

        assertThat(Duration.ofNanos(slowest)).as("an offer returns at once, full queue or not")
                .isLessThan(Duration.ofMillis(100));
        assertThat(queued).as("the queue's size, then dropped").isEqualTo(8);
        AlertStatus status = notifier.status();
        assertThat(status.dropped()).isEqualTo(192);
        assertThat(status.targets().get(0).dropped()).isEqualTo(192);
        assertThat(status.queued()).isEqualTo(8);
        assertThat(JsonText.of(AlertsJson.status(status))).contains("\"dropped\":192");
    }

    @Test
    void shouldKeepAWebhooksTokenOutOfTheLogAndTheStatus() throws Exception {
        WebhookReceiver receiver = opened(WebhookReceiver.start().answering(500, 500, 400));
        String url = receiver.url("/services/T000/B000/XXXXsecretpath?token=qu3rysecret").replace("http://",
                "http://user:pa55word@");
        List<String> secrets = List.of("XXXXsecretpath", "qu3rysecret", "pa55word", "user:", "/services/T000");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(new TeeStream(stderr, log), true, StandardCharsets.UTF_8));
        AlertStatus status;
        try {
            AlertNotifier notifier = notifier(QUICK, 16, webhook("slack-desk", url, AlertKinds.DEFAULTS));
            notifier.offer(AlertsJson.decision(trigger(9)));
            awaitCount(() -> notifier.status().targets().get(0).failed() == 1);
            status = notifier.status();
            notifier.close();
            // a target that cannot be reached at all fails with an exception, whose text must not leak either
            AlertNotifier unreachable = notifier(new RetryPolicy(1, Duration.ZERO, Duration.ZERO,
                    Duration.ofSeconds(2)), 16, webhook("gone", "http://user:pa55word@127.0.0.1:1/services/T000/B000/"
                    + "XXXXsecretpath?token=qu3rysecret", AlertKinds.DEFAULTS));
            unreachable.offer(AlertsJson.decision(trigger(10)));
            awaitCount(() -> unreachable.status().targets().get(0).failed() == 1);
            status = new AlertStatus(0, 0, 0, List.of(status.targets().get(0), unreachable.status().targets().get(0)));
            Thread.sleep(100); // the warning is written after the count
        } finally {
            System.setErr(stderr);
        }

        assertThat(receiver.received()).as("the receiver did get the path and query it needs").hasSize(3);
        String logged = log.toString(StandardCharsets.UTF_8);
        String shown = JsonText.of(AlertsJson.status(status));
        assertThat(logged).contains("slack-desk (127.0.0.1)").contains("HTTP 400").contains("gone (127.0.0.1)");
        assertThat(shown).contains("\"name\":\"slack-desk\"").contains("\"host\":\"127.0.0.1\"");
        for (String secret : secrets) {
            assertThat(logged).as("the log").doesNotContain(secret);
            assertThat(shown).as("the status").doesNotContain(secret);
        }
    }

    @Test
    void shouldSendThroughOpenAlgosTelegramServiceWithItsUserAndAPriority() throws Exception {
        String key = "telegram-notifier-key";
        OpenAlgoSimulator openalgo = opened(OpenAlgoSimulator.start(SimulatorConfig.defaults(key).withSeed(11)));
        openalgo.faults().failTelegram(1); // the bot not running for a moment: retried
        AlertNotifier notifier = notifier(QUICK, 16, new TelegramTarget(openalgo.restUrl(), () -> key, "john_trader",
                AlertKinds.DEFAULTS, Duration.ofSeconds(10)));

        notifier.offer(AlertsJson.decision(trigger(7)));

        awaitCount(() -> !openalgo.telegramNotifications().isEmpty());
        TelegramNotification sent = openalgo.telegramNotifications().get(0);
        assertThat(sent.username()).isEqualTo("john_trader");
        assertThat(sent.priority()).as("a stop hit is urgent on OpenAlgo's scale").isEqualTo(9);
        assertThat(sent.message()).startsWith("TRIGGER NIFTY08DEC2626000CE · position 7 (straddle) · STOP")
                .contains("mark 152.35").contains("level 150.0").contains("stop reached");
        // at least the one refusal; a loaded machine may also time out an attempt
        assertThat(notifier.status().targets().get(0).retried()).isGreaterThanOrEqualTo(1);
        assertThat(notifier.status().targets().get(0).lastFailure()).isNotNull();
        assertThat(notifier.status().targets().get(0).name()).isEqualTo("telegram");
    }

    @Test
    void shouldAlertWhenTheFeedGoesDownAndWhenItComesBack() throws Exception {
        WebhookReceiver receiver = opened(WebhookReceiver.start());
        AlertNotifier notifier = notifier(QUICK, 16, webhook("ops", receiver.url("/"), AlertKinds.DEFAULTS));
        AtomicBoolean degraded = new AtomicBoolean();
        BooleanSupplier down = degraded::get;
        FeedWatch watch = new FeedWatch(down, AlertsJson::feed, notifier, Clock.fixed(Instant.ofEpochMilli(AT),
                java.time.ZoneOffset.UTC));

        watch.look();
        degraded.set(true);
        watch.look();
        watch.look();
        degraded.set(false);
        watch.look();

        awaitCount(() -> receiver.received().size() == 2);
        Thread.sleep(100);
        assertThat(receiver.received()).extracting(b -> b.get("kind").asText())
                .containsExactly("FEED_DOWN", "FEED_RESTORED");
        JsonNode feedDown = receiver.received().get(0);
        assertThat(feedDown.get("position_id").asLong()).isEqualTo(-1);
        assertThat(feedDown.get("time").asText()).isEqualTo("2026-12-07T14:05:30.25+05:30");
        assertThat(feedDown.get("message").asText()).contains("no usable account");
    }

    private AlertNotifier notifier(RetryPolicy policy, int capacity, AlertTarget target) {
        return opened(new AlertNotifier(List.of(target), capacity, policy, Clock.systemUTC()).start());
    }

    private static WebhookTarget webhook(String name, String url, Set<String> kinds) {
        return new WebhookTarget(name, URI.create(url), kinds, Duration.ofSeconds(2));
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        open.add(closeable);
        return closeable;
    }

    private static AuditEvent trigger(long positionId) {
        return new AuditEvent(AuditKind.TRIGGER, AT, positionId, "straddle", null, "NIFTY08DEC2626000CE",
                ExitReason.STOP, 152.35, 150.0, "NIFTY08DEC2626000CE", AT - 3, AT - 2, 152.30, 152.35, 152.3,
                41_000L, null, null, null, "stop reached", "primary");
    }

    private static AuditEvent event(AuditKind kind, long positionId) {
        return new AuditEvent(kind, AT, positionId, "straddle", 0, "NIFTY08DEC2626000CE", null, null, null, null,
                null, null, null, null, null, null, "SIM-1", 153.0, 65L, null, "primary");
    }

    private static void awaitCount(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("within " + WAIT).isTrue();
    }

    /** Writes to the console and keeps a copy. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream console;
        private final OutputStream copy;

        TeeStream(OutputStream console, OutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            console.write(b);
            copy.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            console.write(b, off, len);
            copy.write(b, off, len);
        }
    }
}
