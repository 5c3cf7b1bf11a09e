package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.AccountSpec;
import io.optionchain.simulator.BrokerOrder;
import io.optionchain.simulator.SimulatedAccount;
import io.optionchain.simulator.SimulatedBrokers;
import io.optionchain.simulator.SimulatorConfig;
import io.optionchain.web.api.ApiToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KillNineExitTest}'s proof in a process with three accounts on two brokers ({@code --accounts}): a stop
 * fires while its holding account cannot take the exit, the account market data comes from breaks so the feed
 * fails over (to the same broker's backup, or to the other broker), and the process is {@code kill -9}ed at a
 * seeded moment: before the switch, during it, while the exit waits, while its order is on its way, or after the
 * fill. It restarts on the same data directory, perhaps into the broken accounts, which come back. The holding
 * account's broker must then hold exactly one complete exit order per slice of the position, and no other
 * account any order of it, whichever account streamed when the stop fired or the order went out.
 */
class KillNineFailoverTest {
    private static final String TOKEN = "kill-nine-failover-token-4c5d6e";
    private static final int RUNS = Integer.getInteger("killnine.failover.runs", 5);
    private static final String PRIMARY = "zerodha-main";
    private static final List<AccountSpec> SPECS = List.of(
            new AccountSpec(PRIMARY, "zerodha", "kill-main-key-6a1f07", 0, 0),
            new AccountSpec("zerodha-spare", "zerodha", "kill-spare-key-93c4d2", 0, 0),
            new AccountSpec("dhan-spare", "dhan", "kill-dhan-key-0b7e58", 0, 0));
    private static final List<Fault> DATA_FAULTS =
            List.of(Fault.LOGGED_OUT, Fault.SUSPENDED, Fault.RATE_LIMITED, Fault.BROKER_DOWN);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the simulator breaks an account, as a real OpenAlgo server breaks. */
    private enum Fault {
        /** placeorder answers 500 and places nothing; market data and every other call go on. */
        ORDERS_FAILING,
        /** 403 on every call and the socket's key refused: Level 2, the account failed until re-enabled. */
        LOGGED_OUT,
        /** 500 with the broker's suspension message, sockets dropped: Level 2, out for the day. */
        SUSPENDED,
        /** 429 on every REST call while the socket streams on: Level 2, cooling down. */
        RATE_LIMITED,
        /** REST 503 and sockets dropped at every account of the broker: Level 3. */
        BROKER_DOWN;

        void set(SimulatedBrokers market, SimulatedAccount account, boolean on) {
            switch (this) {
                case ORDERS_FAILING -> account.faults().failNextOrders(on ? Integer.MAX_VALUE : 0);
                case LOGGED_OUT -> account.faults().loggedOut(on);
                case SUSPENDED -> account.faults().suspend(on);
                case RATE_LIMITED -> account.faults().rateLimitFor(on ? Duration.ofHours(1) : Duration.ZERO);
                case BROKER_DOWN -> market.brokerDown(account.broker(), on);
            }
        }

        /** Whether breaking {@code broken} this way also stops {@code other} taking orders. */
        boolean reaches(SimulatedAccount broken, SimulatedAccount other) {
            return broken == other || this == BROKER_DOWN && broken.broker().equals(other.broker());
        }
    }

    /** When the process is killed, counted from the moment the market-data account breaks. */
    private enum Moment { BEFORE_SWITCH, DURING_SWITCH, WHILE_QUEUED, WHILE_SENDING, AFTER_FILL }

    /** A position of the day: the account that holds it and how many exit orders it must end with. */
    private record Held(String account, int orders) {
    }

    @Test
    void shouldSendEachExitOnceThroughItsHoldingAccountWhenAFailoverAndAKillFallBetweenTriggerAndOrder(
            @TempDir Path data, @TempDir Path files) throws Exception {
        Random random = new Random(20261207);
        Path log = files.resolve("application.log");
        Map<Long, Held> positions = new HashMap<>();
        Map<Fault, Integer> dataFaults = new EnumMap<>(Fault.class);
        Map<Fault, Integer> holderFaults = new EnumMap<>(Fault.class);
        int[] kills = new int[4]; // before the switch, after it with the exit waiting, order in flight, after the fill
        int heldByBackup = 0;
        int slicedRuns = 0;
        int restartedBroken = 0;
        long started = System.nanoTime();
        try (SimulatedBrokers market = SimulatedBrokers.start(SimulatorConfig.defaults(SPECS.get(0).apiKey())
                .withSeed(1616).withTicksPerSecond(2_000), SPECS)) {
            Map<String, String> environment = new HashMap<>(Map.of(ApiToken.ENVIRONMENT_VARIABLE, TOKEN));
            SPECS.forEach(spec -> environment.put(variable(spec), spec.apiKey()));
            Path accounts = accountsFile(market, files);
            ApplicationProcess app = ApplicationProcess.onAccounts(accounts, data, environment, log);
            String epoch = null;
            try {
                for (int run = 0; run < RUNS; run++) {
                    app.awaitServing(Duration.ofSeconds(90));
                    JsonNode status = app.http().awaitStatus(s -> s.has("journal")
                            && s.at("/active_account").asText().equals(PRIMARY));
                    String journal = status.at("/journal/epoch").asText();
                    assertThat(journal).as("run " + run + ": the journal survives every kill").isEqualTo(
                            epoch == null ? journal : epoch);
                    epoch = journal;
                    JsonNode chain = app.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);

                    // the holder: the primary and a backup in turn; market data comes from the primary
                    SimulatedAccount holder = market.account(SPECS.get(run % 2 == 0 ? 0 : 1 + run / 2 % 2).name());
                    SimulatedAccount streaming = market.account(PRIMARY);
                    heldByBackup += holder == streaming ? 0 : 1;
                    // every fault and every moment within five runs, each fault with each kind of holder within
                    // eight, each moment with each within ten; the rest is the seed's
                    Fault dataFault = DATA_FAULTS.get((run + run / 4) % DATA_FAULTS.size());
                    Fault holderFault = holderFault(random, dataFault, streaming, holder);
                    dataFaults.merge(dataFault, 1, Integer::sum);
                    if (holderFault != null) {
                        holderFaults.merge(holderFault, 1, Integer::sum);
                    }
                    boolean sliced = run % 3 == 1;
                    slicedRuns += sliced ? 1 : 0;
                    int switchesBefore = status.at("/failover_history").size();

                    long id;
                    if (holderFault != null) {
                        // the holder cannot take orders when the stop fires; the feed fails over after the trigger
                        holderFault.set(market, holder, true);
                        id = open(app, chain, random, holder, sliced, run);
                        app.awaitPosition(id, TOKEN, p -> !p.get("exit_waiting").isNull());
                        dataFault.set(market, streaming, true);
                    } else {
                        // the break reaches the holder too: it comes first, and the stop fires on the last ticks
                        // of the old account or the first of the new
                        dataFault.set(market, streaming, true);
                        id = open(app, chain, random, holder, sliced, run);
                    }
                    positions.put(id, new Held(holder.name(), sliced ? 2 : 1));
                    Runnable restore = () -> {
                        dataFault.set(market, streaming, false);
                        if (holderFault != null) {
                            holderFault.set(market, holder, false);
                        }
                    };

                    Moment moment = Moment.values()[run % Moment.values().length];
                    boolean restored = awaitMoment(moment, app, random, switchesBefore, holder, restore, epoch, id);
                    // read in-process, not over HTTP, so nothing delays the kill: another account streams
                    boolean switched = market.accounts().stream().anyMatch(a -> a != streaming
                            && a.connections().stream().anyMatch(c -> c.symbols() > 0));
                    app.kill9();
                    holder.faults().slowOrders(Duration.ZERO);
                    List<BrokerOrder> atKill = ordersOf(holder, epoch, id);
                    for (SimulatedAccount other : market.accounts()) {
                        assertThat(other == holder ? List.of() : ordersOf(other, epoch, id))
                                .as("run " + run + ": orders of position " + id + ", held by " + holder.name()
                                        + ", at " + other.name() + " when killed " + moment).isEmpty();
                    }
                    kills[atKill.isEmpty() ? (switched ? 1 : 0) : moment == Moment.AFTER_FILL ? 3 : 2]++;

                    // the accounts come back before the next start, or (two times in three) while it starts
                    if (!restored && random.nextInt(3) == 0) {
                        restore.run();
                        restored = true;
                    }
                    app = ApplicationProcess.onAccounts(accounts, data, environment, log);
                    app.awaitServing(Duration.ofSeconds(90));
                    if (!restored) {
                        restartedBroken++;
                        Thread.sleep(random.nextInt(2_000));
                        restore.run();
                    }
                    JsonNode closed = app.awaitPosition(id, TOKEN, p -> p.get("state").asText().equals("CLOSED"));
                    assertThat(closed.get("account").asText()).isEqualTo(holder.name());
                    String context = "run " + run + " (" + holder.name() + " holds, " + PRIMARY + " " + dataFault
                            + ", holder " + holderFault + ", killed " + moment + ")";
                    assertOneExit(context, closed, ordersOf(holder, epoch, id), epoch + "-" + id, sliced);
                    assertEveryOrderHeld(context, market, epoch, positions);
                    enableEveryAccount(app);
                }
            } finally {
                app.close();
            }
            System.out.printf("kill -9 failover runs: %d in %d s (%d held by a backup, %d in two slices); market data "
                    + "broken by %s; the holder broken first by %s; killed before the switch %d, after it while the "
                    + "exit waited %d, with the exit order in flight %d, after the fill %d; %d restarts into broken "
                    + "accounts; exit orders %d, each at its holding account%n", RUNS,
                    Duration.ofNanos(System.nanoTime() - started).toSeconds(), heldByBackup, slicedRuns, dataFaults,
                    holderFaults, kills[0], kills[1], kills[2], kills[3], restartedBroken,
                    market.accounts().stream().mapToInt(a -> a.orders().size()).sum());
        }
    }

    /**
     * Waits for the moment to kill the process; returns whether the accounts were restored on the way (from
     * {@link Moment#WHILE_SENDING} on, the exit must go out before the kill).
     */
    private static boolean awaitMoment(Moment moment, ApplicationProcess app, Random random, int switchesBefore,
                                       SimulatedAccount holder, Runnable restore, String epoch, long id)
            throws Exception {
        switch (moment) {
            case BEFORE_SWITCH -> Thread.sleep(random.nextInt(150));
            case DURING_SWITCH -> Thread.sleep(150 + random.nextInt(1_350));
            case WHILE_QUEUED -> {
                awaitSwitch(app, switchesBefore);
                Thread.sleep(random.nextInt(300));
            }
            case WHILE_SENDING -> {
                // placeorder answers late: the kill lands between the broker taking the order and the application
                // hearing of it, the case a blind resend doubles
                awaitSwitch(app, switchesBefore);
                holder.faults().slowOrders(Duration.ofMillis(600));
                restore.run();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (ordersOf(holder, epoch, id).isEmpty()) {
                    assertThat(System.nanoTime()).as("an exit order of position " + id + " at " + holder.name())
                            .isLessThan(deadline);
                    Thread.sleep(5);
                }
                Thread.sleep(random.nextInt(600));
            }
            case AFTER_FILL -> {
                awaitSwitch(app, switchesBefore);
                restore.run();
                app.awaitPosition(id, TOKEN, p -> p.get("state").asText().equals("CLOSED"));
            }
        }
        return moment.compareTo(Moment.WHILE_SENDING) >= 0;
    }

    /**
     * What keeps the holder from taking the exit when the stop fires: its own fault, applied before the position
     * opens, or null when the market-data account's break reaches it anyway (then, half the time, that break comes
     * first). Never one that leaves no account to stream from.
     */
    private static Fault holderFault(Random random, Fault dataFault, SimulatedAccount streaming,
                                     SimulatedAccount holder) {
        if (dataFault.reaches(streaming, holder)) {
            return random.nextBoolean() ? Fault.ORDERS_FAILING : null;
        }
        if (dataFault == Fault.BROKER_DOWN) {
            return Fault.ORDERS_FAILING; // the holder's broker is the only one left to stream from
        }
        return List.of(Fault.ORDERS_FAILING, Fault.LOGGED_OUT, Fault.SUSPENDED, Fault.RATE_LIMITED)
                .get(random.nextInt(4));
    }

    /** A position in {@code holder} on a NIFTY leg near ATM whose stop the next tick reaches; returns its id. */
    private static long open(ApplicationProcess app, JsonNode chain, Random random, SimulatedAccount holder,
                             boolean sliced, int run) throws Exception {
        boolean isLong = random.nextBoolean();
        JsonNode leg = chain.get("options").get(20 + random.nextInt(5) - 2).get(isLong ? "ce_data" : "pe_data");
        double bid = leg.get("bid").asDouble();
        double ask = leg.get("ask").asDouble();
        double stop = isLong ? Math.round(bid * 2) + 1 : Math.max(0.05, Math.floor(ask / 2));
        String body = "{\"strategy\":\"kill-failover-" + run + "\",\"account\":\"" + holder.name()
                + "\",\"legs\":[{\"symbol\":\"" + leg.get("symbol").asText() + "\",\"side\":\""
                + (isLong ? "long" : "short") + "\",\"lots\":" + (sliced ? 28 : 1) + ",\"entry_price\":"
                + (isLong ? bid : ask) + "}],\"stop\":" + stop + "}";
        HttpResponse<String> opened = app.http().send("POST", "/api/positions", body, TOKEN);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        return JSON.readTree(opened.body()).get("id").asLong();
    }

    /** One complete order per slice (1,755 + 65 above the freeze quantity, else 65), each its slice's own. */
    private static void assertOneExit(String context, JsonNode closed, List<BrokerOrder> exits, String position,
                                      boolean sliced) {
        assertThat(exits).as(context + ": exit orders of " + position).extracting(BrokerOrder::quantity)
                .containsExactlyInAnyOrderElementsOf(sliced ? List.of(1_755, 65) : List.of(65));
        assertThat(exits).allSatisfy(o -> assertThat(o.status()).isEqualTo("complete"))
                .extracting(BrokerOrder::strategy).doesNotHaveDuplicates();
        JsonNode leg = closed.get("legs").get(0);
        if (sliced) {
            for (int k = 0; k < 2; k++) {
                JsonNode slice = leg.get("slices").get(k);
                String ownTag = "oc-" + position + "-0-" + k;
                assertThat(exits).as(context + " slice " + k).filteredOn(o -> o.orderid()
                        .equals(slice.get("order_id").asText())).singleElement().satisfies(o -> {
                            assertThat(o.quantity()).isEqualTo(slice.get("quantity").asInt());
                            assertThat(o.strategy()).isEqualTo(ownTag);
                        });
            }
        }
        assertThat(leg.get("order_id").asText()).isIn(exits.stream().map(BrokerOrder::orderid).toList());
    }

    /** Every order at every account is an exit of a position that account holds, and each has all its orders. */
    private static void assertEveryOrderHeld(String context, SimulatedBrokers market, String epoch,
                                             Map<Long, Held> positions) {
        Pattern tag = Pattern.compile("oc-" + Pattern.quote(epoch) + "-(\\d+)-\\d+(-\\d+)?");
        Map<Long, Integer> orders = new HashMap<>();
        for (SimulatedAccount account : market.accounts()) {
            for (BrokerOrder order : account.orders()) {
                Matcher matcher = tag.matcher(order.strategy());
                assertThat(matcher.matches()).as(context + ": " + order + " at " + account.name()).isTrue();
                long id = Long.parseLong(matcher.group(1));
                assertThat(positions).as(context + ": " + order + " at " + account.name()).containsKey(id);
                assertThat(account.name()).as(context + ": an order of position " + id + " held by "
                        + positions.get(id).account()).isEqualTo(positions.get(id).account());
                orders.merge(id, 1, Integer::sum);
            }
        }
        Map<Long, Integer> expected = new HashMap<>();
        positions.forEach((id, held) -> expected.put(id, held.orders()));
        assertThat(orders).as(context + ": orders per position, all accounts").isEqualTo(expected);
    }

    /** The operator puts back every account the run left failed, suspended or cooling down. */
    private static void enableEveryAccount(ApplicationProcess app) throws Exception {
        for (JsonNode account : app.http().getJson("/api/accounts").get("accounts")) {
            String state = account.get("state").asText();
            if (!state.equals("active") && !state.equals("standby")) {
                HttpResponse<String> enabled = app.http().send("POST", "/api/accounts/"
                        + account.get("name").asText() + "/enable", null, TOKEN);
                assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
            }
        }
    }

    /** Until market data streams from another account than before the break. */
    private static void awaitSwitch(ApplicationProcess app, int before) throws Exception {
        app.http().awaitStatus(s -> {
            JsonNode history = s.at("/failover_history");
            if (history.size() <= before) {
                return false;
            }
            JsonNode last = history.get(history.size() - 1);
            return !last.get("ms_to_first_tick").isNull()
                    && s.at("/active_account").asText().equals(last.get("to").asText());
        });
    }

    private static List<BrokerOrder> ordersOf(SimulatedAccount account, String epoch, long id) {
        Pattern tag = Pattern.compile("oc-" + Pattern.quote(epoch) + "-" + id + "-\\d+(-\\d+)?");
        return account.orders().stream().filter(o -> tag.matcher(o.strategy()).matches()).toList();
    }


    private static Path accountsFile(SimulatedBrokers market, Path directory) throws Exception {
        StringBuilder file = new StringBuilder("accounts:\n");
        for (AccountSpec spec : SPECS) {
            SimulatedAccount account = market.account(spec.name());
            file.append("  - name: ").append(spec.name()).append('\n')
                    .append("    broker: ").append(spec.broker()).append('\n')
                    .append("    role: ").append(spec.name().equals(PRIMARY) ? "primary" : "backup").append('\n')
                    .append("    priority: 1\n")
                    .append("    rest_url: ").append(account.restUrl()).append('\n')
                    .append("    ws_url: ").append(account.wsUrl()).append('\n')
                    .append("    api_key_env: ").append(variable(spec)).append('\n');
        }
        return Files.writeString(directory.resolve("accounts.yaml"), file.toString());
    }

    private static String variable(AccountSpec spec) {
        return "OPENALGO_KEY_" + spec.name().toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
