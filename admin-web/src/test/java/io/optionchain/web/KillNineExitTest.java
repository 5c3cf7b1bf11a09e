package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.BrokerOrder;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import io.optionchain.web.api.ApiToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly one exit, the hard way: the whole application in its own JVM, a position whose stop the next tick
 * reaches, and {@code kill -9} at a random moment around the trigger (before it, while the exit order is on its
 * way, after the fill). The next start on the same data directory must finish the exit, and the simulated
 * broker, which outlives every kill, must hold exactly one exit order per position: never two, never none. Every
 * third position holds 28 lots, above NIFTY's freeze quantity of 1,800: its exit is two orders (1,755 + 65), and
 * the broker must hold exactly one per slice, whenever the kill fell between or within their sends.
 * Half-way through the day the journal becomes unreadable and the next start moves it aside and begins afresh;
 * the later positions still get one exit each, never an earlier position's order.
 */
class KillNineExitTest {
    private static final String API_KEY = "kill-nine-key-3e4f5a6b";
    private static final String TOKEN = "kill-nine-token-7c8d9e0f1a";
    private static final int RUNS = Integer.getInteger("killnine.runs", 12);
    /** Runs of the account-MTM series: 3 in every build, 30 with -Pproof. */
    private static final int LIMIT_RUNS = Integer.getInteger("killnine.limit.runs", 3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldSendExactlyOneExitWhateverMomentTheProcessIsKilled(@TempDir Path data, @TempDir Path logs)
            throws Exception {
        Random random = new Random(20261125);
        Map<String, String> environment = Map.of(LaunchOptions.API_KEY_VARIABLE, API_KEY,
                ApiToken.ENVIRONMENT_VARIABLE, TOKEN);
        Path log = logs.resolve("application.log");
        List<String> positions = new ArrayList<>();
        int expectedOrders = 0;
        int slicedRuns = 0;
        int killedBeforeOrder = 0;
        int killedWhileWorking = 0;
        int killedAfterFill = 0;
        int killSwitchRuns = 0;
        try (OpenAlgoSimulator market = OpenAlgoSimulator.start(SimulatorConfig.defaults(API_KEY).withSeed(404)
                .withTicksPerSecond(2_000))) {
            ApplicationProcess app = ApplicationProcess.on(market, data, environment, log);
            String epoch = null;
            try {
                for (int run = 0; run < RUNS; run++) {
                    app.awaitServing(Duration.ofSeconds(90));
                    if (run == RUNS / 2) {
                        // mid-day the journal becomes unreadable and is moved aside: the next start begins a
                        // fresh journal with a new epoch (its ids may start at 0 again), and no later exit may
                        // take an old order
                        app.kill9();
                        Files.write(data.resolve("positions.journal"), "not a journal".getBytes());
                        app = ApplicationProcess.on(market, data, environment, log);
                        app.awaitServing(Duration.ofSeconds(90));
                        JsonNode journal = app.http().awaitStatus(status -> status.has("journal")).get("journal");
                        assertThat(journal.get("started_fresh").asBoolean()).as("journal moved aside").isTrue();
                        assertThat(journal.get("epoch").asText()).as("a new journal, a new epoch").isNotEqualTo(epoch);
                        assertThat(journal.get("history_lost").get("acknowledged").asBoolean()).isFalse();
                        // the broker holds the earlier exits' fills: the operator checks them and acknowledges
                        HttpResponse<String> acknowledged = app.http().send("POST", "/api/journal/acknowledge", null,
                                TOKEN);
                        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
                    }
                    epoch = app.http().awaitStatus(status -> status.has("journal")).get("journal").get("epoch")
                            .asText();
                    JsonNode chain = app.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);
                    boolean isLong = run % 2 == 0;
                    boolean sliced = run % 3 == 1;
                    slicedRuns += sliced ? 1 : 0;
                    JsonNode leg = chain.get("options").get(20 + random.nextInt(5) - 2).get(isLong ? "ce_data" : "pe_data");
                    double bid = leg.get("bid").asDouble();
                    double ask = leg.get("ask").asDouble();
                    // a stop any next tick reaches, however far the quote moved since this (perhaps restored) chain:
                    // twice the bid for a long, half the ask for a short
                    double stop = isLong ? Math.round(bid * 2) + 1 : Math.max(0.05, Math.floor(ask / 2));
                    // every fourth run the stop is out of reach and the kill switch exits the position instead
                    boolean killSwitch = run % 4 == 3;
                    killSwitchRuns += killSwitch ? 1 : 0;
                    if (killSwitch) {
                        stop = isLong ? 0.05 : 100_000;
                    }
                    String body = "{\"strategy\":\"kill-" + run + "\",\"legs\":[{\"symbol\":\""
                            + leg.get("symbol").asText() + "\",\"side\":\"" + (isLong ? "long" : "short")
                            + "\",\"lots\":" + (sliced ? 28 : 1) + ",\"entry_price\":" + (isLong ? bid : ask)
                            + "}],\"stop\":" + stop + "}";
                    // half the runs answer placeorder late (the order is placed at once): a kill then lands between
                    // the broker taking the order and the application hearing of it, the case a blind resend doubles
                    boolean slowBroker = random.nextBoolean();
                    market.faults().slowOrders(Duration.ofMillis(slowBroker ? 600 : 0));
                    HttpResponse<String> opened = app.http().send("POST", "/api/positions", body, TOKEN);
                    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
                    long id = JSON.readTree(opened.body()).get("id").asLong();
                    positions.add(epoch + "/" + id);
                    if (killSwitch) {
                        HttpResponse<String> pressed = app.http().send("POST",
                                "/api/positions/exit-all?strategy=kill-" + run, null, TOKEN);
                        assertThat(pressed.statusCode()).as(pressed.body()).isEqualTo(200);
                        assertThat(JSON.readTree(pressed.body()).get("exited")).hasSize(1);
                    }

                    Thread.sleep(random.nextInt(slowBroker ? 900 : 300));
                    String stateAtKill = JSON.readTree(app.http().send("GET", "/api/positions/" + id, null, TOKEN).body())
                            .get("state").asText();
                    app.kill9();
                    market.faults().slowOrders(Duration.ZERO);
                    List<BrokerOrder> atKill = ordersOf(market, epoch, id);
                    if (atKill.isEmpty()) {
                        killedBeforeOrder++;
                    } else if (!stateAtKill.equals("CLOSED")) {
                        killedWhileWorking++;
                    } else {
                        killedAfterFill++;
                    }

                    app = ApplicationProcess.on(market, data, environment, log);
                    app.awaitServing(Duration.ofSeconds(90));
                    JsonNode position = app.awaitPosition(id, TOKEN, p -> p.get("state").asText().equals("CLOSED"));
                    List<BrokerOrder> exits = ordersOf(market, epoch, id);
                    assertThat(exits).as("run " + run + ": exit orders of position " + id)
                            .extracting(BrokerOrder::quantity)
                            .containsExactlyInAnyOrderElementsOf(sliced ? List.of(1_755, 65) : List.of(65));
                    assertThat(exits).allSatisfy(o -> assertThat(o.status()).isEqualTo("complete"))
                            .extracting(BrokerOrder::strategy).doesNotHaveDuplicates();
                    JsonNode exited = position.get("legs").get(0);
                    if (sliced) {
                        // one order per slice, each the slice's own: slice k's order carries tag ...-0-k
                        for (int k = 0; k < 2; k++) {
                            JsonNode slice = exited.get("slices").get(k);
                            String ownTag = "oc-" + epoch + "-" + id + "-0-" + k;
                            assertThat(exits).as("run " + run + " slice " + k).filteredOn(o -> o.orderid()
                                    .equals(slice.get("order_id").asText())).singleElement().satisfies(o -> {
                                        assertThat(o.quantity()).isEqualTo(slice.get("quantity").asInt());
                                        assertThat(o.strategy()).isEqualTo(ownTag);
                                    });
                        }
                    }
                    assertThat(exited.get("order_id").asText()).isIn(exits.stream().map(BrokerOrder::orderid).toList());
                    expectedOrders += exits.size();
                }
            } finally {
                app.close();
            }
            // nothing stray either: every order the broker holds belongs to one of the positions, once
            assertThat(market.orders()).hasSize(RUNS + slicedRuns).hasSize(expectedOrders);
            System.out.printf("kill -9 runs: %d (%d above the freeze quantity, in two slices; %d exited by the kill"
                    + " switch), killed before the exit order reached the broker %d, while it was in flight %d, after"
                    + " the fill %d; exit orders at the broker %d%n", RUNS, slicedRuns, killSwitchRuns,
                    killedBeforeOrder, killedWhileWorking, killedAfterFill, market.orders().size());
            assertThat(killSwitchRuns).as("runs whose exit came from exit-all").isEqualTo(RUNS / 4);
        }
        assertThat(positions).hasSize(RUNS).doesNotHaveDuplicates();
    }

    /**
     * The account holding the position cannot take orders when its stop fires (every placeorder answers 500 and
     * places nothing; the market data goes on): the exit waits for it, and the process is killed while it waits. The
     * next start finds the exit still waiting (the account is still down, or comes back while the process starts),
     * and once the account answers, exactly one order goes out, through it; nothing while it was down.
     */
    @Test
    void shouldSendTheQueuedExitOnceThroughItsAccountAfterAKillWhileItWaited(@TempDir Path data, @TempDir Path logs)
            throws Exception {
        Map<String, String> environment = Map.of(LaunchOptions.API_KEY_VARIABLE, API_KEY,
                ApiToken.ENVIRONMENT_VARIABLE, TOKEN);
        Path log = logs.resolve("application.log");
        try (OpenAlgoSimulator market = OpenAlgoSimulator.start(SimulatorConfig.defaults(API_KEY).withSeed(505)
                .withTicksPerSecond(2_000))) {
            ApplicationProcess app = ApplicationProcess.on(market, data, environment, log);
            try {
                for (int run = 0; run < 2; run++) {
                    app.awaitServing(Duration.ofSeconds(90));
                    String epoch = app.http().awaitStatus(status -> status.has("journal")).get("journal")
                            .get("epoch").asText();
                    JsonNode leg = app.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted).get("options")
                            .get(20).get("ce_data");
                    double bid = leg.get("bid").asDouble();
                    market.faults().failNextOrders(Integer.MAX_VALUE);   // the account's order API is down
                    HttpResponse<String> opened = app.http().send("POST", "/api/positions", "{\"strategy\":\"queued-"
                            + run + "\",\"account\":\"primary\",\"legs\":[{\"symbol\":\"" + leg.get("symbol").asText()
                            + "\",\"side\":\"long\",\"lots\":1,\"entry_price\":" + bid + "}],\"stop\":"
                            + (Math.round(bid * 2) + 1) + "}", TOKEN);
                    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
                    long id = JSON.readTree(opened.body()).get("id").asLong();
                    JsonNode waiting = app.awaitPosition(id, TOKEN, p -> !p.get("exit_waiting").isNull());
                    assertThat(waiting.get("account").asText()).isEqualTo("primary");
                    assertThat(waiting.get("exit_waiting").get("cause").asText()).contains("500");
                    Thread.sleep(run * 1_200L);             // killed at once, or after a few tries more

                    app.kill9();
                    assertThat(ordersOf(market, epoch, id)).as("run " + run + ": nothing sent while down").isEmpty();

                    app = ApplicationProcess.on(market, data, environment, log);
                    if (run == 0) {
                        app.awaitServing(Duration.ofSeconds(90));
                        JsonNode again = app.awaitPosition(id, TOKEN, p -> !p.get("exit_waiting").isNull());
                        assertThat(again.get("state").asText()).isEqualTo("EXITING");
                        Thread.sleep(1_000);
                        assertThat(ordersOf(market, epoch, id)).as("still nothing while it is down").isEmpty();
                    }
                    market.faults().failNextOrders(0);        // the account answers again
                    app.awaitServing(Duration.ofSeconds(90));
                    JsonNode closed = app.awaitPosition(id, TOKEN, p -> p.get("state").asText().equals("CLOSED"));

                    List<BrokerOrder> exits = ordersOf(market, epoch, id);
                    assertThat(exits).as("run " + run + ": exit orders of position " + id).singleElement()
                            .satisfies(o -> {
                                assertThat(o.status()).isEqualTo("complete");
                                assertThat(o.orderid()).isEqualTo(closed.get("legs").get(0).get("order_id").asText());
                            });
                    assertThat(closed.get("exit_waiting").isNull()).isTrue();
                }
            } finally {
                app.close();
            }
            assertThat(market.orders()).as("one order per position, nothing stray").hasSize(2);
        }
        List<JsonNode> queued = new ArrayList<>();
        for (String line : Files.readAllLines(data.resolve("risk-audit.jsonl"))) {
            JsonNode event = JSON.readTree(line);
            if (event.get("kind").asText().equals("EXIT_QUEUED")) {
                queued.add(event);
            }
        }
        assertThat(queued).as("alerted at once, and again by the start that found it waiting").hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(e -> assertThat(e.get("account").asText()).isEqualTo("primary"));
    }

    /**
     * The exit orders of position {@code id} of the journal {@code epoch}: tagged oc-<epoch>-<position>-<leg>, or
     * oc-<epoch>-<position>-<leg>-<slice> for the slices of a leg above the freeze quantity.
     */
    /**
     * The account's MTM max loss fires across a crash: each run, on a data directory of its own (a fired limit holds
     * its scope for the rest of the day), three short positions in two strategies are sold below the ask, so the
     * account is some hundreds of rupees down, and a max loss of 1 rupee is set; the process is killed at a random
     * moment after (before the trigger, while the exits are journalled or on their way, after the fills), half the
     * time with the broker answering late. The next start must finish every exit with reason MAX_LOSS, the broker must
     * hold exactly one order per position, and the fired limit must still refuse a new position.
     */
    @Test
    void shouldExitEveryPositionOnceWhenTheAccountsMaxLossFiresAcrossAKill(@TempDir Path root, @TempDir Path logs)
            throws Exception {
        Random random = new Random(20261207);
        Map<String, String> environment = Map.of(LaunchOptions.API_KEY_VARIABLE, API_KEY,
                ApiToken.ENVIRONMENT_VARIABLE, TOKEN);
        int expected = 0;
        int killedBeforeAnyOrder = 0;
        try (OpenAlgoSimulator market = OpenAlgoSimulator.start(SimulatorConfig.defaults(API_KEY).withSeed(606)
                .withTicksPerSecond(2_000))) {
            for (int run = 0; run < LIMIT_RUNS; run++) {
                Path data = root.resolve("run-" + run);
                ApplicationProcess app = ApplicationProcess.on(market, data, environment, logs.resolve(run + ".log"));
                try {
                    app.awaitServing(Duration.ofSeconds(90));
                    String epoch = app.http().awaitStatus(status -> status.has("journal")).get("journal").get("epoch")
                            .asText();
                    JsonNode options = app.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted)
                            .get("options");
                    List<Long> ids = new ArrayList<>();
                    for (int k = 0; k < 3; k++) {
                        // strikes of their own each run: every run's journal is new, and the broker's book (OpenAlgo's
                        // shows no tags) still holds the last run's exits, seconds old, for the same contracts
                        JsonNode leg = options.get((run * 6 + 2 * k) % 41).get(k == 1 ? "pe_data" : "ce_data");
                        double entry = Math.max(0.05, Math.floor(leg.get("ask").asDouble() - 3));
                        HttpResponse<String> opened = app.http().send("POST", "/api/positions", "{\"strategy\":\"mtm-"
                                + (k % 2) + "\",\"legs\":[{\"symbol\":\"" + leg.get("symbol").asText()
                                + "\",\"side\":\"short\",\"lots\":1,\"entry_price\":" + entry
                                + "}],\"stop\":100000}", TOKEN);
                        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
                        ids.add(JSON.readTree(opened.body()).get("id").asLong());
                    }
                    boolean slowBroker = random.nextBoolean();
                    market.faults().slowOrders(Duration.ofMillis(slowBroker ? 600 : 0));
                    HttpResponse<String> set = app.http().send("PUT", "/api/risk/limits",
                            "{\"account\": {\"max_loss\": 1}}", TOKEN);
                    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
                    // every third run is killed the moment the limits are on disk, before the ring has judged them
                    Thread.sleep(run % 3 == 0 ? 0 : random.nextInt(slowBroker ? 900 : 200));
                    app.kill9();
                    market.faults().slowOrders(Duration.ZERO);
                    killedBeforeAnyOrder += ids.stream().allMatch(id -> ordersOf(market, epoch, id).isEmpty()) ? 1 : 0;

                    app = ApplicationProcess.on(market, data, environment, logs.resolve(run + "-after.log"));
                    app.awaitServing(Duration.ofSeconds(90));
                    for (long id : ids) {
                        JsonNode position = app.awaitPosition(id, TOKEN, p -> p.get("state").asText().equals("CLOSED"));
                        assertThat(position.get("exit_reason").asText()).as("run " + run).isEqualTo("MAX_LOSS");
                        assertThat(ordersOf(market, epoch, id)).as("run " + run + ": exit orders of position " + id)
                                .singleElement().satisfies(o -> assertThat(o.status()).isEqualTo("complete"));
                        expected++;
                    }
                    JsonNode limits = JSON.readTree(app.http().get("/api/risk/limits").body());
                    assertThat(limits.get("account").get("fired").get("limit").asText()).isEqualTo("max_loss");
                    HttpResponse<String> refused = app.http().send("POST", "/api/positions", "{\"strategy\":\"late\","
                            + "\"legs\":[{\"symbol\":\"" + options.get(20).get("ce_data").get("symbol").asText()
                            + "\",\"side\":\"short\",\"lots\":1,\"entry_price\":100}],\"stop\":100000}", TOKEN);
                    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
                } finally {
                    app.close();
                }
            }
            Thread.sleep(500);
            assertThat(market.orders()).as("one order per position, nothing stray").hasSize(expected);
        }
        System.out.printf("kill -9 MTM runs: %d, %d positions, killed before any exit order reached the broker %d%n",
                LIMIT_RUNS, expected, killedBeforeAnyOrder);
    }

    private static List<BrokerOrder> ordersOf(OpenAlgoSimulator market, String epoch, long id) {
        java.util.regex.Pattern tag = java.util.regex.Pattern.compile("oc-" + epoch + "-" + id + "-\\d+(-\\d+)?");
        return market.orders().stream().filter(o -> tag.matcher(o.strategy()).matches()).toList();
    }

}
