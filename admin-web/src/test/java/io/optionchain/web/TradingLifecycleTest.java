package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import io.optionchain.simulator.stream.FeedConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lifecycle end to end: the application started as {@code bin/optionchain --trading-hours nse-fo --clock ...}
 * against a simulated OpenAlgo on the same shifted clock, over real HTTP and WebSocket. Every test sets the day
 * and hour it needs, so none depends on when it runs.
 */
class TradingLifecycleTest {
    private static final String KEY = "lifecycle-key-51f0";

    @Test
    void shouldSubscribeNothingBeforeThePreOpenAndTickOnceItStarts(@TempDir Path data) throws Exception {
        OffsetDateTime start = OffsetDateTime.parse("2026-12-28T08:59:50+05:30");
        try (OpenAlgoSimulator market = market(start);
             RunningApplication app = RunningApplication.in(data).on(market, KEY)
                     .arguments("--trading-hours", "nse-fo", "--clock", start.toString()).start()) {
            JsonNode before = app.http().awaitStatus(s -> s.at("/market/lifecycle/state").asText().equals("scheduled")
                    && s.at("/market/lifecycle/cause").asText().startsWith("connected"));
            assertThat(before.at("/market/session").asText()).isEqualTo("closed");
            assertThat(before.at("/market/template").asText()).isEqualTo("nse-fo");
            assertThat(market.connections()).as("connected ahead of the pre-open").isNotEmpty()
                    .allSatisfy(c -> assertThat(c.authenticated()).isTrue());
            assertThat(subscribed(market)).as("nothing subscribed before 09:00").isZero();

            JsonNode preOpen = app.http().awaitStatus(s -> s.at("/market/session").asText().equals("pre_open")
                    && s.at("/market/lifecycle/state").asText().equals("monitoring"));
            assertThat(preOpen.at("/market/market_open").asBoolean()).as("pre-open is not the market").isFalse();
            app.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);
            assertThat(subscribed(market)).isGreaterThan(41);
        }
    }

    @Test
    void shouldBeOpenFromNineFifteen(@TempDir Path data) throws Exception {
        // 12 s before the open: a loaded machine may take several seconds to start the application
        OffsetDateTime start = OffsetDateTime.parse("2026-12-28T09:14:48+05:30");
        try (OpenAlgoSimulator market = market(start);
             RunningApplication app = RunningApplication.in(data).on(market, KEY)
                     .arguments("--trading-hours", "nse-fo", "--clock", start.toString()).start()) {
            JsonNode gap = app.http().awaitStatus(s -> s.at("/market/lifecycle/state").asText().equals("monitoring"));
            assertThat(gap.at("/market/session").asText()).as("09:08-09:15 is between sessions").isEqualTo("closed");
            JsonNode open = app.http().awaitStatus(s -> s.at("/market/session").asText().equals("open"));
            assertThat(open.at("/market/market_open").asBoolean()).isTrue();
            assertThat(open.at("/market/next_open").asText()).isEqualTo("2026-12-29T09:15:00+05:30");
        }
    }

    @Test
    void shouldStayIdleOnAHolidayAndKnowTheNextOpen(@TempDir Path data) throws Exception {
        OffsetDateTime start = OffsetDateTime.parse("2026-12-25T10:00:00+05:30");
        try (OpenAlgoSimulator market = market(start);
             RunningApplication app = RunningApplication.in(data).on(market, KEY)
                     .arguments("--trading-hours", "nse-fo", "--clock", start.toString()).start()) {
            JsonNode status = app.http().awaitStatus(s -> s.at("/market/lifecycle/state").asText().equals("idle_closed"));
            assertThat(status.at("/market/session").asText()).isEqualTo("holiday");
            assertThat(status.at("/market/market_open").asBoolean()).isFalse();
            assertThat(status.at("/market/next_open").asText()).isEqualTo("2026-12-28T09:15:00+05:30");
            assertThat(status.at("/market/lifecycle/cause").asText()).startsWith("holiday: Christmas");
            Thread.sleep(2_000); // long enough for a wrong start to have connected
            assertThat(market.connections()).as("no feed connection on a holiday").isEmpty();
            JsonNode hours = app.http().getJson("/api/trading-hours");
            assertThat(hours.get("session").asText()).isEqualTo("holiday");
            assertThat(hours.get("next_open").asText()).isEqualTo("2026-12-28T09:15:00+05:30");
            String metrics = app.http().get("/metrics").body();
            assertThat(metrics).contains("optionchain_market_session{session=\"holiday\"} 1.0")
                    .contains("optionchain_market_session{session=\"open\"} 0.0")
                    .contains("optionchain_lifecycle_state{state=\"idle_closed\"} 1.0");
        }
    }

    @Test
    void shouldReplanAtOnceWhenATemplateIsAppliedLive(@TempDir Path data) throws Exception {
        OffsetDateTime start = OffsetDateTime.parse("2026-12-25T10:00:00+05:30");
        try (OpenAlgoSimulator market = market(start);
             RunningApplication app = RunningApplication.in(data).on(market, KEY).token(RunningApplication.TOKEN)
                     .arguments("--trading-hours", "nse-fo", "--clock", start.toString()).start()) {
            app.http().awaitStatus(s -> s.at("/market/lifecycle/state").asText().equals("idle_closed"));
            HttpResponse<String> applied = app.http().send("POST", "/api/trading-hours/apply",
                    "{\"template\": \"always-open\"}", RunningApplication.TOKEN);
            assertThat(applied.statusCode()).isEqualTo(200);
            JsonNode status = app.http().awaitStatus(
                    s -> s.at("/market/lifecycle/state").asText().equals("monitoring"));
            assertThat(status.at("/market/template").asText()).isEqualTo("always-open");
            assertThat(status.at("/market/session").asText()).isEqualTo("open");
            app.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);

            // and back: Christmas again, the feed cleaned up at once
            app.http().send("POST", "/api/trading-hours/apply", "{\"template\": \"nse-fo\"}",
                    RunningApplication.TOKEN);
            app.http().awaitStatus(s -> s.at("/market/lifecycle/state").asText().equals("idle_closed"));
            awaitNoConnection(market);
        }
    }

    @Test
    void shouldWaitForALateAccountStopWhenItIsLostAndResumeWhenItReturns(@TempDir Path data) throws Exception {
        try (OpenAlgoSimulator market = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(7)
                .withTicksPerSecond(1_000))) {
            market.faults().loggedOut(true); // the broker's daily login has not happened yet
            try (RunningApplication app = RunningApplication.in(data).on(market, KEY)
                    .arguments("--trading-hours", "always-open").startWithoutWaiting()) {
                JsonNode waiting = app.http().awaitStatus(
                        s -> s.at("/market/lifecycle/cause").asText().contains("Invalid openalgo apikey"));
                assertThat(waiting.at("/market/lifecycle/state").asText()).isEqualTo("waiting_for_account");
                assertThat(market.connections()).isEmpty();

                market.faults().loggedOut(false); // the login: monitoring starts with no request from anyone
                app.http().awaitStatus(s -> s.at("/market/lifecycle/state").asText().equals("monitoring"));
                app.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);

                market.faults().loggedOut(true); // the session expires mid-day
                // the feed's refusal stops monitoring at once; the ping failing too confirms the loss, so the
                // account's return is acted on at once rather than after the minute a bare refusal waits
                JsonNode stopped = app.http().awaitStatus(s -> s.at("/market/lifecycle/state").asText().equals("stopped")
                        && s.at("/market/lifecycle/cause").asText().contains("Invalid openalgo apikey"));
                assertThat(stopped.at("/market/lifecycle/cause").asText()).startsWith("primary account lost: ");
                assertThat(stopped.at("/feed/detail").asText()).startsWith("not connected: primary account lost");
                awaitNoConnection(market);

                market.faults().loggedOut(false);
                app.http().awaitStatus(s -> s.at("/market/lifecycle/state").asText().equals("monitoring"));
            }
        }
    }

    @Test
    void shouldBeBackWithinSecondsAfterARestartInTheMiddleOfASession(@TempDir Path data) throws Exception {
        OffsetDateTime start = OffsetDateTime.parse("2026-12-28T11:00:00+05:30");
        try (OpenAlgoSimulator market = market(start)) {
            RunningApplication.Launch launch = RunningApplication.in(data).on(market, KEY)
                    .arguments("--trading-hours", "nse-fo", "--clock", start.toString());
            try (RunningApplication first = launch.start()) {
                first.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);
            }
            long restarted = System.nanoTime();
            try (RunningApplication second = launch.start()) {
                second.http().awaitStatus(s -> s.at("/market/lifecycle/state").asText().equals("monitoring"));
                second.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);
                assertThat(Duration.ofNanos(System.nanoTime() - restarted)).as("back within seconds")
                        .isLessThan(Duration.ofSeconds(30));
            }
        }
    }

    /** The simulated OpenAlgo on the clock the application is given: both read 'start' now and run on. */
    private static OpenAlgoSimulator market(OffsetDateTime start) {
        Clock system = Clock.systemUTC();
        Clock shifted = Clock.offset(system, Duration.between(system.instant(), start.toInstant()));
        return OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(7).withTicksPerSecond(1_000)
                .withClock(shifted));
    }

    private static int subscribed(OpenAlgoSimulator market) {
        return market.connections().stream().mapToInt(FeedConnection::symbols).sum();
    }

    private static void awaitNoConnection(OpenAlgoSimulator market) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!market.connections().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(market.connections()).as("feed closed").isEmpty();
    }
}
