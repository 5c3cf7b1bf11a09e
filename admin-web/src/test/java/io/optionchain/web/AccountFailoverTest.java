package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.engine.accounts.FailoverSettings;
import io.optionchain.simulator.AccountSpec;
import io.optionchain.simulator.BrokerOrder;
import io.optionchain.simulator.LastTick;
import io.optionchain.simulator.SimulatedAccount;
import io.optionchain.simulator.SimulatedBrokers;
import io.optionchain.simulator.SimulatorConfig;
import io.optionchain.simulator.stream.FeedConnection;
import io.optionchain.web.config.FeedConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.optionchain.web.RunningApplication.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision matrix end to end: the application as production runs it ({@code --feed openalgo --accounts}),
 * against three simulated OpenAlgo servers over one market, two of broker zerodha and one of dhan. Each test
 * breaks the active account or broker the way a real one breaks, and checks what a trader would: market data
 * moved to the right account and was recorded, the chain is complete, the new account holds exactly the
 * subscriptions the old one did, every tick it sent once its link was up reached the engine, and a stop that
 * fired during the switch sent exactly one order, through the account that holds the position.
 */
class AccountFailoverTest {
    /** Today's feed section, with a two-second cool-down so a return to the primary is seen within the test. */
    private static final FeedConfig FEED = new FeedConfig(5_000, 5_000, 100, 50, 1_000, 1_000, 3_000, 3, 1_000,
            3, 30_000, 2_000, FailoverSettings.SUSPENDED_MESSAGES);
    private static final List<AccountSpec> SPECS = List.of(
            new AccountSpec("zerodha-main", "zerodha", "key-main-4b1e0f", 0, 0),
            new AccountSpec("zerodha-spare", "zerodha", "key-spare-9d2c71", 0, 0),
            new AccountSpec("dhan-spare", "dhan", "key-dhan-e55a03", 0, 0));

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    private SimulatedBrokers market;
    private RunningApplication app;
    private ApplicationHttp api;

    @BeforeEach
    void start() throws Exception {
        market = SimulatedBrokers.start(SimulatorConfig.defaults(SPECS.get(0).apiKey()).withSeed(17)
                .withTicksPerSecond(2_000), SPECS);
        Path accounts = accountsFile(spec -> "api_key_env: " + variable(spec));
        Map<String, String> keys = Map.of(variable(SPECS.get(0)), SPECS.get(0).apiKey(),
                variable(SPECS.get(1)), SPECS.get(1).apiKey(), variable(SPECS.get(2)), SPECS.get(2).apiKey());
        launch(accounts, keys);
        api.awaitStatus(s -> s.at("/active_account").asText().equals("zerodha-main"));
    }

    private void launch(Path accounts, Map<String, String> keys) throws Exception {
        app = RunningApplication.in(data.resolve("data")).token(TOKEN).onAccounts(accounts, keys)
                .config(c -> c.withFeed(FEED)).start();
        api = app.http();
        api.awaitChain("NIFTY", RunningApplication::everyLegQuoted);
        api.awaitChain("BANKNIFTY", RunningApplication::everyLegQuoted);
    }

    /** The three accounts, primary first, each keyed by {@code key} ({@code api_key_env: ...} or a file). */
    private Path accountsFile(java.util.function.Function<AccountSpec, String> key) throws Exception {
        StringBuilder file = new StringBuilder("accounts:\n");
        for (AccountSpec spec : SPECS) {
            SimulatedAccount account = market.account(spec.name());
            file.append("  - name: ").append(spec.name()).append('\n')
                    .append("    broker: ").append(spec.broker()).append('\n')
                    .append("    role: ").append(spec == SPECS.get(0) ? "primary" : "backup").append('\n')
                    .append("    priority: 1\n")
                    .append("    rest_url: ").append(account.restUrl()).append('\n')
                    .append("    ws_url: ").append(account.wsUrl()).append('\n')
                    .append("    ").append(key.apply(spec)).append('\n');
        }
        return Files.writeString(data.resolve("accounts.yaml"), file.toString());
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (market != null) {
            market.close();
        }
    }

    @Test
    void shouldMoveToTheSameBrokersBackupOnAnAuthFailureAndSendAStopsExitThroughItsOwnAccountOnceItAnswers()
            throws Exception {
        int subscribed = subscribedAt("zerodha-main");
        SimulatedAccount main = market.account("zerodha-main");
        main.faults().loggedOut(true); // REST 403 "Invalid openalgo apikey", the socket's key refused
        long position = openWithStopAlreadyReached("zerodha-main");

        JsonNode status = awaitSwitch(0, "zerodha-spare");
        JsonNode record = status.at("/failover_history/0");
        assertThat(record.get("from").asText()).isEqualTo("zerodha-main");
        assertThat(record.get("level").asInt()).isEqualTo(2);
        assertThat(record.get("cause").asText()).startsWith("auth failure: ");
        assertThat(account(status, "zerodha-main").get("state").asText()).isEqualTo("failed");
        assertThat(app.http().get("/metrics").body()).as("an alert can fire on a failed account")
                .contains("optionchain_account_state{account=\"zerodha-main\",state=\"failed\"} 1.0")
                .contains("optionchain_account_state{account=\"zerodha-spare\",state=\"active\"} 1.0")
                .contains("optionchain_account_switches_total{account=\"zerodha-spare\"} 1.0")
                .contains("optionchain_market_data_stale 0.0");
        assertMovedWhole("zerodha-spare", subscribed);

        JsonNode waiting = awaitPosition(position, p -> !p.get("exit_waiting").isNull());
        assertThat(waiting.get("exit_waiting").get("cause").asText()).contains("403");
        assertThat(market.account("zerodha-spare").orders()).as("never through an account that does not hold it")
                .isEmpty();
        main.faults().loggedOut(false);
        awaitPosition(position, p -> p.get("state").asText().equals("CLOSED"));
        assertThat(main.orders()).as("exactly one exit, through the holding account").singleElement()
                .extracting(BrokerOrder::status).isEqualTo("complete");
        assertThat(market.account("zerodha-spare").orders()).isEmpty();
        assertThat(api.getJson("/api/option-chain/status").at("/active_account").asText())
                .as("a refused key stays out while a sound account streams").isEqualTo("zerodha-spare");
        assertNoTickLost("zerodha-spare", 0);
        assertChainExact();
    }

    @Test
    void shouldMoveToTheOtherBrokerWhenABrokerIsDownAndComeBackToThePrimaryAfterItsCoolDown() throws Exception {
        int subscribed = subscribedAt("zerodha-main");
        market.brokerDown("zerodha", true); // REST 503, sockets dropped, upgrades refused
        long position = openWithStopAlreadyReached("zerodha-main");

        JsonNode status = awaitSwitch(0, "dhan-spare");
        JsonNode record = status.at("/failover_history/0");
        assertThat(record.get("level").asInt()).isEqualTo(3);
        assertThat(record.get("cause").asText()).isEqualTo("broker zerodha down: no account of it answers");
        assertThat(account(status, "zerodha-spare").get("state").asText()).isEqualTo("cooling_down");
        assertMovedWhole("dhan-spare", subscribed);
        long sentBeforeReturn = market.account("zerodha-main").sentTicks(); // none since its sockets dropped
        awaitPosition(position, p -> !p.get("exit_waiting").isNull());
        assertThat(market.account("dhan-spare").orders()).isEmpty();

        market.brokerDown("zerodha", false);
        awaitPosition(position, p -> p.get("state").asText().equals("CLOSED"));
        assertThat(market.account("zerodha-main").orders()).hasSize(1);
        JsonNode back = awaitSwitch(1, "zerodha-main");
        assertThat(back.at("/failover_history/1/cause").asText()).startsWith("back to a better account");
        assertMovedWhole("zerodha-main", subscribed);
        assertThat(market.account("dhan-spare").orders()).isEmpty();
        assertNoTickLost("zerodha-main", sentBeforeReturn);
        assertChainExact();
    }

    @Test
    void shouldLeaveARateLimitedPrimaryForItsCoolDownAndASuspendedOneForTheDay() throws Exception {
        int subscribed = subscribedAt("zerodha-main");
        market.account("zerodha-main").faults().rateLimitFor(Duration.ofSeconds(1));
        JsonNode away = awaitSwitch(0, "zerodha-spare");
        assertThat(away.at("/failover_history/0/cause").asText()).startsWith("rate limit: ");
        awaitSwitch(1, "zerodha-main");
        assertMovedWhole("zerodha-main", subscribed);
        long sparesFirstTurn = market.account("zerodha-spare").sentTicks(); // its first turn's sockets are closed

        market.account("zerodha-main").faults().suspend(true);
        JsonNode suspended = awaitSwitch(2, "zerodha-spare");
        assertThat(suspended.at("/failover_history/2/cause").asText()).startsWith("account suspended: ");
        assertThat(account(suspended, "zerodha-main").get("state").asText()).isEqualTo("suspended");
        assertMovedWhole("zerodha-spare", subscribed);
        assertNoTickLost("zerodha-spare", sparesFirstTurn);
        assertChainExact();
    }

    @Test
    void shouldKeepTheLastChainMarkedStaleWhileNoAccountIsLeftAndResumeWhenOneAnswers() throws Exception {
        int subscribed = subscribedAt("zerodha-main");
        market.brokerDown("zerodha", true);
        market.brokerDown("dhan", true);

        JsonNode stale = api.awaitStatus(s -> s.at("/market_data_stale").asBoolean());
        assertThat(app.http().get("/metrics").body()).contains("optionchain_market_data_stale 1.0");
        assertThat(account(stale, "dhan-spare").get("last_error").asText()).contains("dhan down");
        assertThat(api.getJson("/api/accounts").get("market_data_stale").asBoolean()).isTrue();
        JsonNode last = api.getJson("/api/option-chain/NIFTY");
        assertThat(RunningApplication.everyLegQuoted(last)).as("the last chain is still served: " + last).isTrue();

        market.brokerDown("dhan", false);
        api.awaitStatus(s -> !s.at("/market_data_stale").asBoolean()
                && s.at("/market/lifecycle/state").asText().equals("monitoring"));
        assertThat(api.getJson("/api/option-chain/status").at("/active_account").asText()).isEqualTo("dhan-spare");
        assertMovedWhole("dhan-spare", subscribed);
        assertChainExact();
    }

    @Test
    void shouldReconnectTheSameAccountOnASocketDropWithNoSwitchAndNoTickLostOnceItIsUp() throws Exception {
        int subscribed = subscribedAt("zerodha-main");
        market.rate(0); // so the counts at the moment the new link is up are still
        long reconnects = api.getJson("/api/option-chain/status").at("/feed/reconnects").asLong();
        market.account("zerodha-main").faults().dropConnections();

        api.awaitStatus(s -> s.at("/feed/reconnects").asLong() > reconnects
                && s.at("/feed/state").asText().equals("CONNECTED"));
        assertMovedWhole("zerodha-main", subscribed);
        long sent = market.account("zerodha-main").sentTicks();
        long received = api.getJson("/api/option-chain/status").at("/feed/ticks").asLong();
        market.rate(2_000);
        Thread.sleep(1_500);
        market.rate(0);
        long sentSince = market.account("zerodha-main").sentTicks() - sent;
        assertThat(sentSince).isPositive();
        JsonNode status = api.awaitStatus(s -> s.at("/feed/ticks").asLong() - received >= sentSince);
        assertThat(status.at("/feed/ticks").asLong() - received).as("every tick sent once the link was up")
                .isEqualTo(sentSince);
        assertThat(status.at("/failover_history")).as("Level 1 stays with the account").isEmpty();
        assertThat(status.at("/active_account").asText()).isEqualTo("zerodha-main");
        assertChainExact();
    }

    @Test
    void shouldMoveToTheBackupAfterTheThirdLossWithinTheWindowAndReturnAfterTheCoolDown() throws Exception {
        int subscribed = subscribedAt("zerodha-main");
        SimulatedAccount main = market.account("zerodha-main");
        for (int loss = 1; loss <= 3; loss++) {
            long reconnects = api.getJson("/api/option-chain/status").at("/feed/reconnects").asLong();
            main.faults().dropConnections();
            if (loss < 3) {
                // each loss is reconnected on the same account (Level 1) before the next
                api.awaitStatus(s -> s.at("/feed/reconnects").asLong() > reconnects
                        && s.at("/feed/state").asText().equals("CONNECTED"));
                assertThat(api.getJson("/api/option-chain/status").at("/failover_history")).isEmpty();
            }
        }
        JsonNode away = awaitSwitch(0, "zerodha-spare");
        assertThat(away.at("/failover_history/0/level").asInt()).isEqualTo(2);
        assertThat(away.at("/failover_history/0/cause").asText()).isEqualTo("connection lost 3 times within 30 s");
        assertThat(account(away, "zerodha-main").get("state").asText()).isEqualTo("cooling_down");
        assertMovedWhole("zerodha-spare", subscribed);

        JsonNode back = awaitSwitch(1, "zerodha-main"); // the test's cool-down is 2 s
        assertThat(back.at("/failover_history/1/cause").asText()).startsWith("back to a better account");
        long sentBefore = main.sentTicks();
        assertMovedWhole("zerodha-main", subscribed);
        assertThat(main.sentTicks()).as("the primary streams again").isGreaterThan(sentBefore);
        assertChainExact();
    }

    @Test
    void shouldTakeBackAPrimaryRefusedForItsKeyOnceItsKeyFileHoldsANewOne() throws Exception {
        app.close();
        // the operator's key file for the primary holds a key its server does not know
        Path keyFile = data.resolve("zerodha-main.key");
        writeOwnerOnly(keyFile, "key-main-revoked-000");
        Path accounts = accountsFile(spec -> spec == SPECS.get(0) ? "api_key_file: " + keyFile
                : "api_key_env: " + variable(spec));
        launch(accounts, Map.of(variable(SPECS.get(1)), SPECS.get(1).apiKey(),
                variable(SPECS.get(2)), SPECS.get(2).apiKey()));
        JsonNode away = awaitSwitch(0, "zerodha-spare");
        assertThat(away.at("/failover_history/0/cause").asText()).startsWith("auth failure: ");
        assertThat(account(away, "zerodha-main").get("state").asText()).isEqualTo("failed");
        int subscribed = subscribedAt("zerodha-spare");

        writeOwnerOnly(keyFile, SPECS.get(0).apiKey()); // the new key, as OpenAlgo now issues it
        JsonNode back = awaitSwitch(1, "zerodha-main");
        assertThat(back.at("/failover_history/1/cause").asText()).startsWith("back to a better account");
        assertThat(account(back, "zerodha-main").get("state").asText()).isEqualTo("active");
        assertMovedWhole("zerodha-main", subscribed);
        assertThat(back.toString()).doesNotContain(SPECS.get(0).apiKey()).doesNotContain("key-main-revoked-000");
        assertChainExact();
    }

    /** Written beside and moved over, so the application never reads half a key. */
    private static void writeOwnerOnly(Path file, String key) throws Exception {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, key);
        Files.setPosixFilePermissions(next, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** A long ATM call whose stop is above its bid: the next tick, from whichever account streams, fires it. */
    private long openWithStopAlreadyReached(String account) throws Exception {
        JsonNode leg = api.getJson("/api/option-chain/NIFTY").at("/options/20/ce_data");
        double bid = leg.get("bid").asDouble();
        String body = "{\"strategy\":\"failover\",\"account\":\"" + account + "\",\"legs\":[{\"symbol\":\""
                + leg.get("symbol").asText() + "\",\"side\":\"long\",\"lots\":1,\"entry_price\":" + bid
                + "}],\"stop\":" + Math.round(bid * 2 + 1) + "}";
        var response = api.send("POST", "/api/positions", body, TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asLong();
    }

    private JsonNode awaitSwitch(int index, String to) throws Exception {
        return api.awaitStatus(s -> s.at("/failover_history").size() > index
                && s.at("/failover_history/" + index + "/to").asText().equals(to)
                && !s.at("/failover_history/" + index + "/ms_to_first_tick").isNull()
                && s.at("/active_account").asText().equals(to));
    }

    private JsonNode awaitPosition(long id, java.util.function.Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode position = api.getJson("/api/positions/" + id);
        while (!condition.test(position) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            position = api.getJson("/api/positions/" + id);
        }
        assertThat(condition.test(position)).as("position " + id + ": " + position).isTrue();
        return position;
    }

    /** The new account holds exactly as many symbols as the old one did, and no other server holds any. */
    private void assertMovedWhole(String account, int symbols) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && !(subscribedAt(account) == symbols && elsewhere(account) == 0)) {
            Thread.sleep(20);
        }
        assertThat(subscribedAt(account)).as("subscriptions at " + account).isEqualTo(symbols);
        assertThat(elsewhere(account)).as("subscriptions left at the others").isZero();
        api.awaitChain("NIFTY", RunningApplication::everyLegQuoted);
        api.awaitChain("BANKNIFTY", RunningApplication::everyLegQuoted);
    }

    /**
     * With the market paused, every tick frame the account sent since its link came up has reached the engine
     * through its feed.
     *
     * @param before what the account had sent before it streamed to this feed (to an earlier turn's sockets)
     */
    private void assertNoTickLost(String account, long before) throws Exception {
        market.rate(0);
        long sent = market.account(account).sentTicks() - before;
        JsonNode status = api.awaitStatus(s -> s.at("/feed/ticks").asLong() >= sent);
        assertThat(status.at("/feed/ticks").asLong()).as("ticks " + account + " sent since its link came up")
                .isEqualTo(sent);
        assertThat(status.at("/feed/dropped").asLong()).isZero();
    }

    /**
     * Once every leg has ticked on the account now streaming, and with the market then paused and every tick it
     * sent applied, each leg of both chains holds exactly the market's last tick: nothing stale from the old
     * account, nothing missed on the new one. (A tick sent to a socket the broker aborted is lost with it; OpenAlgo
     * sends no snapshot on subscribe, so a leg is exact again from its first tick on the new account.)
     */
    private void assertChainExact() throws Exception {
        market.rate(2_000);
        for (String underlying : List.of("NIFTY", "BANKNIFTY")) {
            Map<String, String> before = legQuotes(api.getJson("/api/option-chain/" + underlying));
            Map<String, Boolean> moved = new java.util.HashMap<>();
            api.awaitChain(underlying, chain -> {
                Map<String, String> now = legQuotes(chain);
                now.forEach((symbol, quote) -> {
                    if (!quote.equals(before.get(symbol))) {
                        moved.put(symbol, true);
                    }
                });
                // a strike the window re-centred away from has left the chain: nothing to wait for
                return now.keySet().stream().allMatch(moved::containsKey);
            });
        }
        market.rate(0);
        long[] last = {-1};
        api.awaitStatus(s -> {
            long ticks = s.at("/feed/ticks").asLong();
            boolean still = ticks == last[0];
            last[0] = ticks;
            return still;
        });
        for (String underlying : List.of("NIFTY", "BANKNIFTY")) {
            JsonNode chain = api.getJson("/api/option-chain/" + underlying);
            for (JsonNode row : chain.get("options")) {
                for (String side : new String[] {"ce_data", "pe_data"}) {
                    JsonNode leg = row.get(side);
                    LastTick truth = market.lastTick(leg.get("symbol").asText());
                    assertThat(List.of(leg.get("ltp").asDouble(), leg.get("bid").asDouble(),
                            leg.get("ask").asDouble(), (double) leg.get("oi").asLong()))
                            .as(underlying + " " + truth.symbol())
                            .containsExactly(truth.ltp(), truth.bid(), truth.ask(), (double) truth.oi());
                }
            }
        }
    }

    private static Map<String, String> legQuotes(JsonNode chain) {
        Map<String, String> quotes = new java.util.HashMap<>();
        for (JsonNode row : chain.get("options")) {
            for (String side : new String[] {"ce_data", "pe_data"}) {
                JsonNode leg = row.get(side);
                quotes.put(leg.get("symbol").asText(), leg.get("ltp") + "/" + leg.get("bid") + "/" + leg.get("ask"));
            }
        }
        return quotes;
    }

    private int subscribedAt(String account) {
        return market.account(account).connections().stream().mapToInt(FeedConnection::symbols).sum();
    }

    private int elsewhere(String account) {
        return SPECS.stream().filter(s -> !s.name().equals(account)).mapToInt(s -> subscribedAt(s.name())).sum();
    }

    private static JsonNode account(JsonNode status, String name) {
        for (JsonNode account : status.get("accounts")) {
            if (account.get("name").asText().equals(name)) {
                return account;
            }
        }
        throw new AssertionError("no account " + name + " in " + status);
    }

    private static String variable(AccountSpec spec) {
        return "OPENALGO_KEY_" + spec.name().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
