package io.optionchain.engine.desk;

import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.journal.Journal;
import io.optionchain.engine.journal.JournalHealth;
import io.optionchain.engine.journal.JournalRecord;
import io.optionchain.engine.journal.JournalUnavailableException;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.ports.ExitOrder;
import io.optionchain.engine.positions.ExitAllOutcome;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LegExit;
import io.optionchain.engine.positions.LegRequest;
import io.optionchain.engine.positions.LegRules;
import io.optionchain.engine.positions.MtmLimit;
import io.optionchain.engine.positions.OnLegStop;
import io.optionchain.engine.positions.Position;
import io.optionchain.engine.positions.PositionRequest;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.RiskLimits;
import io.optionchain.engine.positions.RiskSettings;
import io.optionchain.engine.positions.TriggerOn;
import io.optionchain.engine.state.ChainStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly one exit order per slice of every leg (a leg within the exchange's freeze quantity is one slice), proven
 * over 1,000 seeded runs of the risk part of the engine (chain state, the
 * risk stage, the exit executor and its journal, all the product's code, driven on one thread from a seed).
 *
 * <p>Each run opens a few positions (singles and two-leg groups, a third of them above NIFTY's freeze quantity
 * of 1,800, whose exits go in slices), plays a market script with duplicated,
 * late, stale, zero and missing quotes and reconnect gaps, exits some by hand, and works the exits against a broker
 * that refuses sends, loses answers before and after taking the order, fails status and order-book calls and fills
 * late, and whose book already holds lookalike orders of earlier journals. At random moments the disk fills for a
 * while: writes store part of their bytes and fail, and registrations and exits by hand are refused. Then it
 * crashes, once or twice: the journal is cut at a random byte (anything from an empty file to the whole of it) and
 * the broker forgets every order a crash at that byte would never have sent, keeping the ones it would have (at a
 * cut that falls exactly after a record, a random number of the sends made right after it). A third of the crashes
 * also damage the journal anywhere before its last whole record, header included: flipped bits, zeroed, duplicated
 * and removed ranges. The desk restarts on what is left, and a person resolves every position it holds for review
 * from the broker's order book. Finally the market collapses through every stop and the exits are worked to the end.
 * Half the runs also set MTM limits (the account's max loss and max profit, a strategy's locked profit that trails):
 * they fire on the walk, the crashes and the collapse, exit every open position of their scope through the same claim,
 * come back fired after each crash, and refuse new positions in their scope.
 *
 * <p>The broker is the in-memory stand-in ({@link InMemoryBroker}), which outlives the crash as a real broker
 * outlives the process, and the full disk is {@link FullDisk}: the crash and the full disk are what cannot
 * otherwise be caused in-process. On every send the broker also checks that the position's EXITING record is
 * already on disk, and it refuses (and counts as broken) any order above the freeze quantity, as the exchange does.
 *
 * <p>Every run must end with: no slice owning two orders, or another symbol's; each position that survived closed by
 * exactly one order per slice (a leg sent whole is one slice), or cancelled by the person who reviewed it; every order at the broker owned by a leg,
 * or belonging to a position that was reviewed or that a restart reported lost; no acknowledged position vanishing
 * at a restart that reported nothing lost; and a last restart that sends nothing more.
 *
 * <p>A second series ({@link #shouldSendEachExitOnceThroughItsHoldingAccountWhateverAccountTheMarketDataComesFrom})
 * holds positions in three accounts, each a broker of its own, and takes the holding accounts down around the
 * trigger while the market data moves to another account: every exit must go through its holding account once.
 */
class ExactlyOnceProofTest {
    /** 1,000 in every build; {@code mvn verify -Pproof} runs 10,000. */
    private static final int RUNS = Integer.getInteger("risk.proof.runs", 1_000);
    private static final List<String> SYMBOLS = List.of(RiskRig.CE, RiskRig.PE, RiskRig.CE_OTM, RiskRig.PE_OTM);
    private static final RiskSettings SETTINGS = new RiskSettings(1.0, 2.0, 0.05, Duration.ofSeconds(3), 10,
            Duration.ofMillis(600), 3, Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(500), 64,
            Duration.ofDays(7));

    /** The ways out the ring's trigger rules decide. */
    private static final Set<ExitReason> BY_MARK = java.util.EnumSet.of(ExitReason.STOP, ExitReason.PERCENT_STOP,
            ExitReason.TRAILING_STOP, ExitReason.TARGET);

    @TempDir
    Path data;

    @Test
    void shouldSendExactlyOneExitPerSliceAcrossDuplicatesReconnectsFailuresAndCrashes() {
        InstrumentRegistry registry = new InstrumentRegistry(256);
        ManualClock clock = new ManualClock(RiskRig.START);
        List<String> failures = new ArrayList<>();
        Tally tally = new Tally();
        try (ChainStore store = ChainStore.inMemory(256)) {
            // replay one run: -Drisk.proof.seed=902
            eachSeed("risk.proof.seed", RUNS, clock, failures,
                    seed -> run(seed, data.resolve("run-" + seed), clock, registry, store, tally));
        }
        System.out.println("exactly-once proof: " + tally);
        assertThat(failures).as("runs that did not end with exactly one exit per slice").isEmpty();
        if (System.getProperty("risk.proof.seed") != null) {
            return;
        }
        assertThat(tally.runs).isEqualTo(RUNS);
        assertThat(tally.slices).isEqualTo(tally.orders + tally.closedWithoutOrderId);
        assertThat(tally.slicedLegs).as("legs above the freeze quantity, exited in slices")
                .isGreaterThan(tally.legs / 8);
        assertThat(tally.slicedRuns).as("runs with a sliced exit").isGreaterThan(RUNS / 3);
        // the faults and crashes really happened, often
        assertThat(tally.crashes).isGreaterThanOrEqualTo(RUNS);
        assertThat(tally.cutInsideRecord).isGreaterThan(RUNS / 2);
        assertThat(tally.lostByCrash).isPositive();
        assertThat(tally.adopted).isGreaterThan(RUNS / 10);
        assertThat(tally.exitingAtRestart).isGreaterThan(RUNS / 10);
        assertThat(tally.untaggedRuns).as("OpenAlgo's untagged order book is half the runs").isBetween(RUNS / 3,
                2 * RUNS / 3);
        assertThat(tally.damagedRestarts).as("restarts on a journal damaged anywhere").isGreaterThan(RUNS / 5);
        assertThat(tally.reviewed).isGreaterThan(RUNS / 10);
        assertThat(tally.watchedAgain).isGreaterThan(RUNS / 20);
        assertThat(tally.fullDisks).isGreaterThan(RUNS / 2);
        assertThat(tally.refusedOnFullDisk).isPositive();
        assertThat(tally.exitsRefusedOnFullDisk).isPositive();
        assertThat(tally.exitedByExitAll).as("positions exited by the kill switch").isGreaterThan(RUNS / 10);
        assertThat(tally.squaredOff).as("positions exited by their square-off time").isGreaterThan(RUNS / 20);
        assertThat(tally.limitSets).as("runs with MTM limits").isGreaterThan(RUNS / 3);
        assertThat(tally.exitedByLimit).as("positions exited by an MTM limit").isGreaterThan(RUNS / 10);
        assertThat(tally.exitedByLock).as("positions exited by a locked profit").isGreaterThan(RUNS / 100);
        assertThat(tally.legStopPositions).as("positions with stops per leg").isGreaterThan(RUNS / 10);
        assertThat(tally.ratioSpreads).as("ratio spreads").isGreaterThan(RUNS / 20);
        assertThat(tally.legsExitedOnTheirOwn).as("legs exited on their own").isGreaterThan(RUNS / 10);
        assertThat(tally.partlyExitedThenWhole).as("positions whose other legs went later by another way")
                .isGreaterThan(RUNS / 100);
        assertThat(tally.exitedWholeByALeg).as("positions exited whole by one leg's stop").isGreaterThan(RUNS / 100);
        assertThat(tally.stopsAtCost).as("legs whose stop moved to cost").isGreaterThan(RUNS / 100);
        assertThat(tally.refusedByLimit).as("positions refused after a limit fired").isPositive();
        assertThat(tally.firedOnTriggerRules).as("stops fired on depth or after a confirmation")
                .isGreaterThan(RUNS / 5);
    }

    /**
     * Runs of the accounts series: a tenth of the main series' (100 in every build; {@code -Drisk.proof.runs} scales
     * both). Each syncs the journal some thirty times, several times a main run's.
     */
    /** One seeded run: null when it ended as the proof requires, else what went wrong. */
    private interface SeededRun {
        String run(int seed);
    }

    /**
     * Runs {@code runs} seeds a day apart on the clock, or only the one {@code property} names, collecting each
     * failure with its seed so any can be replayed alone.
     */
    private static void eachSeed(String property, int runs, ManualClock clock, List<String> failures, SeededRun run) {
        String only = System.getProperty(property);
        int first = only == null ? 0 : Integer.parseInt(only);
        int end = only == null ? runs : first + 1;
        for (int seed = first; seed < end; seed++) {
            clock.set(clock.millis() + 86_400_000);
            try {
                String failure = run.run(seed);
                if (failure != null) {
                    failures.add("seed " + seed + ": " + failure);
                }
            } catch (RuntimeException | AssertionError e) {
                failures.add("seed " + seed + ": " + e);
            }
        }
    }

    private static final int ACCOUNT_RUNS = Math.max(20, RUNS / 10);
    private static final String MAIN = "zerodha-main";
    private static final List<String> ACCOUNTS = List.of(MAIN, "zerodha-backup", "dhan-backup");
    private static final List<String> OUTAGES = List.of("refused", "rate-limited", "server-error", "no-answer");

    /**
     * Exactly one exit order per slice, each through the account holding its position, over seeded runs with three
     * accounts (a primary and a backup at one broker, a backup at another), each its own in-memory broker with the
     * main series' faults at lower rates, all numbering their orders from the same id as two OpenAlgo servers do, and
     * half of them reporting tags. Positions are held in any of them (a third name none: the primary's). Around the
     * moment the market collapses through every stop, one or two of the holding accounts go down (refusing the key,
     * rate limited, answering 503 or nothing) before the trigger or a few executor cycles after it, so some slices
     * are sent and some are left to send or to look up; the market data moves meanwhile to an account that is up and
     * ticks go on (the ticks carry no account: the desk cannot route by them, and must not). In half the runs the
     * process restarts while exits wait. Then the accounts answer again.
     *
     * <p>Every run must end with: each position closed by exactly one order per slice, found in its holding account's
     * book; no order in any book that no slice of a position of that account owns; no call of any exit (send, look-up,
     * status, re-price) asked of another account, even while its own was down; each position whose exit waited shown
     * as waiting and alerted once at least; and a last restart that sends nothing more.
     */
    @Test
    void shouldSendEachExitOnceThroughItsHoldingAccountWhateverAccountTheMarketDataComesFrom() {
        InstrumentRegistry registry = new InstrumentRegistry(256);
        ManualClock clock = new ManualClock(RiskRig.START);
        List<String> failures = new ArrayList<>();
        AccountTally tally = new AccountTally();
        try (ChainStore store = ChainStore.inMemory(256)) {
            eachSeed("risk.proof.accountSeed", ACCOUNT_RUNS, clock, failures,   // replay one run
                    seed -> accountRun(seed, data.resolve("accounts-" + seed), clock, registry, store, tally));
        }
        System.out.println("exactly-once proof across accounts: " + tally);
        assertThat(failures).as("runs that did not end with one exit per slice through its own account").isEmpty();
        if (only() != null) {
            return;
        }
        assertThat(tally.runs).isEqualTo(ACCOUNT_RUNS);
        assertThat(tally.slices).isEqualTo(tally.orders);
        assertThat(tally.accountsHolding).as("positions held by a backup").isGreaterThan(tally.positions / 3);
        assertThat(tally.modes).as("every kind of outage, often").hasSize(OUTAGES.size())
                .allSatisfy((mode, count) -> assertThat(count).isGreaterThan(ACCOUNT_RUNS / 8));
        assertThat(tally.queued).as("positions whose exit waited for its account").isGreaterThan(ACCOUNT_RUNS / 2);
        assertThat(tally.downAfterTrigger).as("accounts going down after a trigger").isGreaterThan(ACCOUNT_RUNS / 4);
        assertThat(tally.sentBeforeDown).as("slices sent before their account went down").isPositive();
        assertThat(tally.restartsWhileQueued).isGreaterThan(ACCOUNT_RUNS / 4);
        assertThat(tally.idsInTwoAccounts).as("order ids two accounts both used").isGreaterThan(ACCOUNT_RUNS / 4);
        assertThat(tally.adopted).isPositive();
    }

    private static String only() {
        return System.getProperty("risk.proof.accountSeed");
    }

    private static String accountRun(int seed, Path dir, ManualClock clock, InstrumentRegistry registry,
                                     ChainStore store, AccountTally tally) {
        Random random = new Random(seed * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L);
        Path journal = dir.resolve(Journal.FILE_NAME);
        boolean tagged = random.nextBoolean();
        java.util.Map<Long, String> holders = new java.util.HashMap<>();
        java.util.Map<String, InMemoryBroker> brokers = new java.util.LinkedHashMap<>();
        for (String account : ACCOUNTS) {
            InMemoryBroker broker = new InMemoryBroker().withFaults(random.nextLong(), 0.05, 0.05, 0.05, 0.05, 3)
                    .echoingTags(tagged);
            broker.recordingJournal(() -> size(journal), order -> !account.equals(holders.get(order.positionId()))
                    ? "order for position " + order.positionId() + ", held by " + holders.get(order.positionId())
                            + ", sent through " + account
                    : Journal.read(journal).stream().anyMatch(r -> r instanceof JournalRecord.Exiting e
                            && e.positionId() == order.positionId()) ? null
                            : "order for position " + order.positionId() + " sent before its EXITING record was on disk");
            brokers.put(account, broker);
        }
        MarketScript market = new MarketScript(random, SYMBOLS, clock.millis(), 2_000);
        PositionGenerator positions = new PositionGenerator(random, SYMBOLS, true);
        java.util.Set<Long> waited = new HashSet<>();
        try (RiskRig rig = new RiskRig(dir, SETTINGS, brokers, MAIN, clock, registry, store, false)) {
            for (int p = 2 + random.nextInt(4); p > 0; p--) {
                int pick = random.nextInt(ACCOUNTS.size() + 1);
                String account = pick == ACCOUNTS.size() ? null : ACCOUNTS.get(pick);
                Position position = rig.desk.open(positions.next("a" + p, 100, true).heldBy(account));
                holders.put(position.id(), position.account());
                tally.accountsHolding += position.account().equals(MAIN) ? 0 : 1;
            }
            for (ScriptedTick tick : market.next(30 + random.nextInt(150))) {
                clock.set(tick.nowMillis());
                rig.send(tick);
                if (random.nextInt(3) > 0) {
                    rig.work();
                }
            }
            // one or two of the accounts holding positions go down, before the collapse or a few cycles after it
            List<String> holding = holders.values().stream().distinct().sorted().toList();
            List<String> down = new ArrayList<>(holding);
            java.util.Collections.shuffle(down, random);
            down = down.subList(0, Math.min(down.size(), 1 + random.nextInt(2)));
            int cyclesFirst = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(3);
            for (ScriptedTick tick : market.crash()) {
                clock.set(tick.nowMillis());
                rig.send(tick);
            }
            rig.work(cyclesFirst, 100);
            tally.downAfterTrigger += cyclesFirst > 0 ? 1 : 0;
            for (String account : down) {
                String mode = OUTAGES.get(random.nextInt(OUTAGES.size()));
                brokers.get(account).down(mode);
                tally.modes.merge(mode, 1, Integer::sum);
            }
            // the market data now comes from an account that is up; its ticks carry no account, and go on
            for (int i = 20 + random.nextInt(60); i > 0; i--) {
                ScriptedTick tick = market.next();
                clock.set(tick.nowMillis());
                rig.send(tick);
                rig.work();
                clock.advance(100);
            }
            String failure = whileDown(rig, down, holders, waited, tally);
            if (failure != null) {
                return failure;
            }
            if (random.nextBoolean()) {
                rig.restart();                             // the process stops while exits wait for their account
                tally.restartsWhileQueued++;
                rig.work(10 + random.nextInt(20), 100);
                failure = whileDown(rig, down, holders, waited, tally);
                if (failure != null) {
                    return failure;
                }
            }
            down.forEach(account -> brokers.get(account).down(null));
            // the market goes on while the exits catch up: an exit is priced only off a current book, and the last
            // quote of a held option may have been one-sided or too old by now
            for (int i = 0; i < 400 && busy(rig); i++) {
                ScriptedTick tick = market.next();
                clock.set(Math.max(clock.millis(), tick.nowMillis()));
                rig.send(tick);
                rig.work();
                clock.advance(100);
            }
            failure = checkAccounts(rig, brokers, holders, waited, tagged, tally);
            if (failure != null) {
                return failure;
            }
            java.util.Map<String, Integer> before = new java.util.HashMap<>();
            brokers.forEach((account, broker) -> before.put(account, broker.orders().size()));
            rig.restart();
            rig.work(20, 300);
            for (String account : ACCOUNTS) {
                if (brokers.get(account).orders().size() != before.get(account)) {
                    return "a clean restart sent more orders through " + account;
                }
            }
        }
        tally.runs++;
        return null;
    }

    /**
     * While accounts are down: no slice of a position they hold got an order since, and each such position with a
     * slice still to send or look up says it waits for its account, and was alerted.
     */
    private static String whileDown(RiskRig rig, List<String> down, java.util.Map<Long, String> holders,
                                    java.util.Set<Long> waited, AccountTally tally) {
        for (Position position : rig.desk.positions()) {
            if (!down.contains(position.account()) || position.state() != PositionState.EXITING) {
                continue;
            }
            boolean unsent = position.legs().stream().flatMap(l -> l.slices().isEmpty() ? java.util.stream.Stream.of(
                    l.exit()) : l.slices().stream().map(Position.Slice::exit))
                    .anyMatch(e -> e == LegExit.PLACING || e == LegExit.LOOKING_UP);
            boolean sent = position.legs().stream().anyMatch(l -> l.orderId() != null);
            if (!unsent) {
                continue;
            }
            if (position.exitWaiting() == null) {
                return "position " + position.id() + " of " + position.account() + ", which is down, does not say its"
                        + " exit waits: " + position;
            }
            if (rig.audit.of(AuditKind.EXIT_QUEUED).stream().noneMatch(e -> e.positionId() == position.id()
                    && position.account().equals(e.account()))) {
                return "position " + position.id() + "'s exit waits for " + position.account() + " without an alert";
            }
            if (waited.add(position.id())) {
                tally.queued++;
                tally.sentBeforeDown += sent ? 1 : 0;
            }
        }
        return null;
    }

    /**
     * Each position closed, each slice owning exactly one order, in its holding account's book; nothing else in any
     * book; no exit's call asked of an account that does not hold its position.
     */
    private static String checkAccounts(RiskRig rig, java.util.Map<String, InMemoryBroker> brokers,
                                         java.util.Map<Long, String> holders, java.util.Set<Long> waited,
                                         boolean tagged, AccountTally tally) {
        String epoch = rig.desk.epoch();
        java.util.Map<String, java.util.Set<String>> owned = new java.util.HashMap<>();
        java.util.Set<String> ids = new HashSet<>();
        java.util.Set<String> idsSeen = new HashSet<>();
        for (String account : ACCOUNTS) {
            InMemoryBroker broker = brokers.get(account);
            if (!broker.violations().isEmpty()) {
                return account + ": " + broker.violations();
            }
            for (String tag : broker.tagsAsked()) {
                long id = Long.parseLong(tag.split("-")[2]);
                if (!account.equals(holders.get(id))) {
                    return "a call for position " + id + ", held by " + holders.get(id) + ", was asked of " + account;
                }
            }
            for (InMemoryBroker.Order order : broker.orders()) {
                if (!idsSeen.add(order.id)) {
                    ids.add(order.id);
                }
            }
            owned.put(account, new HashSet<>());
        }
        tally.idsInTwoAccounts += ids.isEmpty() ? 0 : 1;
        long slices = 0;
        for (Position position : rig.desk.positions()) {
            if (position.state() != PositionState.CLOSED) {
                return "position " + position.id() + " ended " + position.state() + ": " + position;
            }
            if (position.exitWaiting() != null) {
                return "position " + position.id() + " closed, still waiting: " + position.exitWaiting();
            }
            InMemoryBroker holder = brokers.get(position.account());
            for (int i = 0; i < position.legs().size(); i++) {
                Position.Leg leg = position.legs().get(i);
                List<Position.Slice> parts = leg.slices().isEmpty() ? List.of(new Position.Slice(leg.quantity(),
                        leg.exit(), leg.orderId(), leg.orderPrice(), leg.fillPrice())) : leg.slices();
                for (int k = 0; k < parts.size(); k++) {
                    Position.Slice slice = parts.get(k);
                    String name = "position " + position.id() + " (" + position.account() + ") leg " + i + " slice " + k;
                    InMemoryBroker.Order order = holder.orders().stream().filter(o -> o.id.equals(slice.orderId()))
                            .findFirst().orElse(null);
                    if (order == null || !owned.get(position.account()).add(slice.orderId())) {
                        return name + " owns order " + slice.orderId() + ", which is " + (order == null
                                ? "not in its account's book" : "owned twice");
                    }
                    if (!order.placed.symbol().equals(leg.symbol()) || order.placed.quantity() != slice.quantity()
                            || order.placed.action() != leg.side().exitAction()
                            || !position.account().equals(holders.get(order.placed.positionId()))) {
                        return name + " owns another contract's or account's order " + order.placed;
                    }
                    String ownTag = ExitOrder.tag(epoch, position.id(), i, k, parts.size());
                    if (tagged && !order.placed.tag().equals(ownTag)) {
                        return name + " adopted a tagged order of another leg or slice: " + order.placed.tag();
                    }
                    slices++;
                }
            }
        }
        long orders = 0;
        for (String account : ACCOUNTS) {
            for (InMemoryBroker.Order order : brokers.get(account).orders()) {
                if (!owned.get(account).contains(order.id)) {
                    return "order " + order.id + " (" + order.placed.tag() + ") in " + account + "'s book is owned by"
                            + " no slice";
                }
                orders++;
            }
        }
        tally.positions += rig.desk.positions().size();
        tally.slices += slices;
        tally.orders += orders;
        tally.adopted += rig.audit.of(AuditKind.ORDER_ADOPTED).size();
        tally.alerts += rig.audit.of(AuditKind.EXIT_QUEUED).size();
        return waited.stream().allMatch(id -> rig.audit.of(AuditKind.EXIT_QUEUED).stream()
                .anyMatch(e -> e.positionId() == id)) ? null : "a position waited without an alert";
    }

    private static final class AccountTally {
        int runs;
        long positions;
        long accountsHolding;
        long slices;
        long orders;
        long queued;
        long alerts;
        long sentBeforeDown;
        int downAfterTrigger;
        int restartsWhileQueued;
        int idsInTwoAccounts;
        long adopted;
        final java.util.Map<String, Integer> modes = new java.util.TreeMap<>();

        @Override
        public String toString() {
            return runs + " runs, " + positions + " positions (" + accountsHolding + " held by a backup), " + slices
                    + " slices, " + orders + " exit orders, each in its holding account's book; outages " + modes
                    + " (" + downAfterTrigger + " runs with the account going down after the trigger); " + queued
                    + " positions whose exit waited for its account (" + sentBeforeDown + " with a slice sent before),"
                    + " " + alerts + " EXIT_QUEUED alerts; " + restartsWhileQueued + " restarts while exits waited; "
                    + idsInTwoAccounts + " runs with one order id in two accounts' books; " + adopted
                    + " orders adopted after a look-up";
        }
    }

    private static String run(int seed, Path dir, ManualClock clock, InstrumentRegistry registry, ChainStore store,
                              Tally tally) {
        // the seed scrambled first: java.util.Random's first draws of nearby small seeds agree (every seed below
        // 200 drew a tagged broker), which left OpenAlgo's untagged order book out of the 1,000 runs of a build
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
        // damage and full disks draw from their own stream, so the market, positions and broker stay as they were
        Random faults = new Random(seed * 0xD1B54A32D192ED03L + 0x2545F4914F6CDD1DL);
        // trigger rules draw from a third stream, so a run without them is the run it always was
        Random rules = new Random(seed * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL);
        tally.runHasConfirmation = false;
        Path journal = dir.resolve(Journal.FILE_NAME);
        boolean tagged = random.nextBoolean();   // a server that reports each order's strategy tag, or OpenAlgo's book
        tally.untaggedRuns += tagged ? 0 : 1;
        InMemoryBroker broker = new InMemoryBroker().withFaults(random.nextLong(), 0.1, 0.1, 0.15, 0.15, 3)
                .echoingTags(tagged);
        broker.recordingJournal(() -> size(journal), order -> Journal.read(journal).stream()
                .anyMatch(r -> r instanceof JournalRecord.Exiting e && e.positionId() == order.positionId()
                        || r instanceof JournalRecord.LegExiting l && l.positionId() == order.positionId()
                        && l.leg() == order.leg())
                ? null : "order for position " + order.positionId() + " leg " + order.leg()
                + " sent before its EXITING or LEG_EXITING record was on disk");
        Set<String> foreign = new HashSet<>();
        MarketScript market = new MarketScript(random, SYMBOLS, clock.millis(), 2_000);
        PositionGenerator positions = new PositionGenerator(random, SYMBOLS, true);
        FullDisk disk = new FullDisk(faults.nextLong());
        // MTM limits draw from a stream of their own too, so the rest of a seed's run is what it was before them
        Random limits = new Random(seed * 0xA24BAED4963EE407L + 0x9FB21C651E98DF25L);
        // per-leg stops draw from a stream of their own as well: a run without them is the run it always was
        Random legStops = new Random(seed * 0x94D049BB133111EBL + 0x2127599BF4325C37L);
        Truth truth = new Truth();
        int crashes = 1 + random.nextInt(2);
        int opened = 0;
        try (RiskRig rig = new RiskRig(dir, SETTINGS, broker, clock, registry, store, false)) {
            rig.storage = disk;
            rig.restart();
            truth.epoch(rig.desk.epoch(), false);
            for (int phase = 0; phase <= crashes; phase++) {
                if (phase == 0 || random.nextInt(3) == 0) {
                    for (int p = 1 + random.nextInt(3); p > 0; p--) {
                        open(rig, squaredOff(legStops(triggerRules(positions.next("s" + opened++, 100, true), rules, tally),
                                legStops, tally), faults,
                                clock.millis(), tally),
                                disk, truth, tally);
                    }
                }
                if (phase == 0) {
                    setLimits(rig, limits, tally);
                }
                if (phase == 0 && !rig.desk.positions().isEmpty()) {
                    foreign.addAll(rememberOlderOrders(broker, random, rig.desk.positions(), clock.millis()));
                    tally.foreignOrders += foreign.size();
                }
                if (phase == crashes) {
                    break;
                }
                int fullFor = 0;
                for (ScriptedTick tick : market.next(30 + random.nextInt(150))) {
                    clock.set(tick.nowMillis());
                    if (fullFor == 0 && faults.nextInt(150) == 0) {
                        fullFor = 5 + faults.nextInt(80);     // the disk fills for a while, then space is freed
                        tally.fullDisks++;
                    }
                    disk.full(fullFor > 0 && fullFor-- > 1);
                    rig.send(tick);
                    if (random.nextInt(3) > 0) {
                        rig.work();
                    }
                    if (random.nextInt(100) == 0 && opened < 8) {
                        open(rig, squaredOff(legStops(triggerRules(positions.next("s" + opened++, 100, true), rules, tally),
                                legStops, tally), faults,
                                clock.millis(), tally),
                                disk, truth, tally);
                    }
                    if (faults.nextInt(200) == 0) {
                        exitByHand(rig, faults, disk, tally);
                    }
                    if (faults.nextInt(600) == 0) {
                        exitAll(rig, faults, disk, tally);
                    }
                }
                rig.work(random.nextInt(6), 150);
                if (faults.nextInt(4) == 0) {
                    disk.full(true);                          // the process dies with the disk full
                }
                crash(rig, journal, random, faults, disk, truth, tally);
            }
            disk.full(false);
            // a confirmation needs the crash to last: up to four evaluations in breach, or 400 ms of them
            for (int round = 0; round < (tally.runHasConfirmation ? 12 : 1); round++) {
                for (ScriptedTick tick : market.crash()) {
                    // the engine's clock may stand ahead of the script's after the executor's cycles: it moves on
                    // with each later round's tick all the same, as a confirmation by time needs
                    clock.set(round == 0 ? tick.nowMillis() : Math.max(clock.millis() + 10, tick.nowMillis()));
                    rig.send(tick);
                }
            }
            tally.runHasConfirmation = false;
            for (int i = 0; i < 400 && busy(rig); i++) {
                rig.work();
                clock.advance(100);
            }
            String failure = check(rig, broker, tagged, foreign, truth, tally);
            if (failure != null) {
                return failure;
            }
            int ordersBefore = broker.orders().size();
            rig.restart();
            rig.work(20, 300);
            if (broker.orders().size() != ordersBefore) {
                return "a clean restart sent " + (broker.orders().size() - ordersBefore) + " more orders";
            }
            if (rig.desk.positions().stream().anyMatch(p -> p.state() != PositionState.CLOSED
                    && !truth.resolvedByHand.contains(truth.key(rig.desk.epoch(), p.id())))) {
                return "after the last restart some position is not closed: " + rig.desk.positions();
            }
            tally.squaredOff += rig.desk.positions().stream().filter(p -> p.exitReason() == ExitReason.SQUARE_OFF)
                    .count();
            tally.exitedByLimit += rig.desk.positions().stream().filter(p -> p.exitReason() != null
                    && p.exitReason().isMtmLimit()).count();
            tally.exitedByLock += rig.desk.positions().stream().filter(p -> p.exitReason() == ExitReason.PROFIT_LOCK)
                    .count();
            tally.limitsFired += rig.desk.limitStates().stream().filter(l -> l.fired() != null).count();
            tally.floorsLocked += rig.desk.limitStates().stream().filter(l -> l.floor() != null).count();
            tally.firedOnTriggerRules += rig.desk.positions().stream().filter(p -> p.rules().hasTriggerRules()
                    && BY_MARK.contains(p.exitReason())).count();
            for (Position position : rig.desk.positions()) {
                long own = position.legs().stream().filter(l -> l.exitReason() != null).count();
                tally.legsExitedOnTheirOwn += own;
                tally.partlyExitedThenWhole += own > 0 && own < position.legs().size() ? 1 : 0;
                tally.exitedWholeByALeg += position.exitReason() != null && position.exitReason().isLegRule() ? 1 : 0;
                tally.stopsAtCost += position.legs().stream().filter(l -> l.stopLevel() != null
                        && l.stopLevel() == l.entryPrice()).count();
            }
        }
        tally.runs++;
        return null;
    }

    /**
     * A third of the positions trigger on depth, on a confirmation of two to four evaluations or 50 to 400 ms, or
     * both: their stops fire on other ticks than the touch's would, through the same claim.
     */
    private static PositionRequest triggerRules(PositionRequest request, Random rules, Tally tally) {
        if (rules.nextInt(3) != 0) {
            return request;
        }
        ExitRules exits = request.rules();
        int kind = rules.nextInt(4);                 // 0 depth, 1 ticks, 2 ms, 3 depth and ticks
        if (kind == 0 || kind == 3) {
            exits = exits.withTriggerOn(TriggerOn.DEPTH);
        }
        if (kind == 1 || kind == 3) {
            exits = exits.withConfirmTicks(2 + rules.nextInt(3));
        } else if (kind == 2) {
            exits = exits.withConfirmMillis(50 + rules.nextInt(351));
        }
        tally.triggerRulesSet++;
        tally.runHasConfirmation |= kind > 0;
        return new PositionRequest(request.strategy(), request.legs(), exits, request.product(), request.account());
    }

    /**
     * Half the two-leg groups get stops of their own on each leg (a fixed one 1 to 8 % beyond the entry, or a percent
     * one, sometimes a target too: near enough that the market's walk fires many before the collapse) and one of the three {@code on_leg_stop} modes; half of those become ratio spreads
     * (the second leg twice the quantity, or the other side) and lose the combined rules, which such a position may
     * not have. Every leg has a stop, so the collapse still exits every position; a leg's exit, a move to cost and the
     * position's later exit all go through the same claims and crashes as every other way out.
     */
    private static PositionRequest legStops(PositionRequest request, Random legStops, Tally tally) {
        if (request.legs().size() < 2 || legStops.nextBoolean()) {
            return request;
        }
        List<LegRequest> legs = new ArrayList<>(request.legs());
        ExitRules exits = request.rules().withOnLegStop(OnLegStop.values()[legStops.nextInt(OnLegStop.values().length)]);
        if (legStops.nextBoolean()) {
            LegRequest second = legs.get(1);
            legs.set(1, legStops.nextBoolean()
                    ? new LegRequest(second.symbol(), second.side(), second.quantity() * 2, second.entryPrice())
                    : new LegRequest(second.symbol(), second.side() == PositionSide.LONG ? PositionSide.SHORT
                    : PositionSide.LONG, second.quantity(), second.entryPrice()));
            exits = new ExitRules(null, null, null, null, exits.squareOffAt(), exits.triggerOn(), exits.confirmTicks(),
                    exits.confirmMillis(), exits.onLegStop());
            tally.ratioSpreads++;
        }
        for (int i = 0; i < legs.size(); i++) {
            LegRequest leg = legs.get(i);
            boolean isLong = leg.side() == PositionSide.LONG;
            double entry = leg.entryPrice();
            double beyond = 0.01 + 0.07 * legStops.nextDouble();
            Double stop = legStops.nextBoolean() ? null : grid(entry * (isLong ? 1 - beyond : 1 + beyond));
            Double percent = stop == null ? (double) (1 + legStops.nextInt(8)) : null;
            Double target = legStops.nextInt(3) == 0 ? grid(entry * (isLong ? 1 + beyond : 1 - beyond)) : null;
            legs.set(i, new LegRequest(leg.symbol(), leg.side(), leg.quantity(), entry, new LegRules(stop, percent,
                    target)));
        }
        tally.legStopPositions++;
        return new PositionRequest(request.strategy(), legs, exits, request.product(), request.account());
    }

    private static double grid(double price) {
        return Math.max(0.05, Math.round(price / 0.05) * 0.05);
    }

    /**
     * A quarter of the positions also square off at a time of day 2 to 20 seconds after they open: the executor's
     * clock, not a tick, exits them then, through the same claim as the ring's stops and a person's exits.
     */
    private static PositionRequest squaredOff(PositionRequest request, Random faults, long nowMillis, Tally tally) {
        if (faults.nextInt(4) != 0) {
            return request;
        }
        tally.squareOffsSet++;
        LocalTime at = Instant.ofEpochMilli(nowMillis + 2_000 + faults.nextInt(18_000)).atZone(ZoneId.of("Asia/Kolkata"))
                .toLocalTime().withNano(0);
        return new PositionRequest(request.strategy(), request.legs(), request.rules().withSquareOffAt(at),
                request.product(), request.account());
    }

    /**
     * Registers a position; on a full disk the desk refuses it, and it is not the user's; once an MTM limit of its
     * scope fired, the desk refuses it too.
     */
    private static void open(RiskRig rig, PositionRequest request, FullDisk disk, Truth truth, Tally tally) {
        try {
            Position position = rig.desk.open(request);
            truth.opened(rig.desk.epoch(), position, rig.desk.journal().size());
        } catch (IllegalStateException e) {
            if (e.getMessage() == null || !e.getMessage().contains("limit fired")) {
                throw e;
            }
            tally.refusedByLimit++;
        } catch (RuntimeException e) {
            if (!disk.full()) {
                throw e;
            }
            tally.refusedOnFullDisk++;
        }
    }

    /**
     * Half the runs set MTM limits on the positions just opened, sized on what they hold (their entry premium times
     * quantity): for the account a max loss and a max profit, each a few percent of it, or neither; per strategy
     * (each position is a strategy of its own here), half the time, a lock and trail a little above the entry. The
     * market's walk, its collapse and the crashes then fire some of them, through the same claim as every other way
     * out; a fired limit must come back after each crash and exit anything opened or taken back in its scope.
     */
    private static void setLimits(RiskRig rig, Random limits, Tally tally) {
        List<Position> open = rig.desk.positions();
        if (limits.nextBoolean() || open.isEmpty()) {
            return;
        }
        double book = 0;
        java.util.Map<String, MtmLimit> strategies = new java.util.LinkedHashMap<>();
        for (Position position : open) {
            double held = position.legs().stream().mapToDouble(l -> l.entryPrice() * l.quantity()).sum();
            book += held;
            if (limits.nextBoolean()) {
                double lockAt = held * (0.002 + 0.02 * limits.nextDouble());
                double every = lockAt * (0.05 + 0.3 * limits.nextDouble());
                strategies.put(position.strategy(), new MtmLimit(null, null, lockAt, lockAt * 0.9 * limits.nextDouble(),
                        every, every * (0.1 + 0.9 * limits.nextDouble())));
            }
        }
        MtmLimit account = limits.nextBoolean() ? null : new MtmLimit(book * (0.005 + 0.05 * limits.nextDouble()),
                book * (0.005 + 0.05 * limits.nextDouble()), null, null, null, null);
        if (account == null && strategies.isEmpty()) {
            return;
        }
        rig.desk.setLimits(new RiskLimits(account, strategies));
        tally.limitSets++;
    }

    /** A person exits an open position by hand; on a full disk it is refused and stays open and watched. */
    private static void exitByHand(RiskRig rig, Random faults, FullDisk disk, Tally tally) {
        List<Position> open = rig.desk.positions().stream().filter(p -> p.state() == PositionState.OPEN).toList();
        if (open.isEmpty()) {
            return;
        }
        long id = open.get(faults.nextInt(open.size())).id();
        try {
            rig.desk.exit(id);
            tally.exitsByHand++;
        } catch (JournalUnavailableException e) {
            if (!disk.full() || rig.position(id).state() != PositionState.OPEN) {
                throw new AssertionError("a refused exit must leave position " + id + " open and watched", e);
            }
            tally.exitsRefusedOnFullDisk++;
        }
    }

    /**
     * A person presses the kill switch, for one strategy or for every position, and at once again: the second press
     * exits nothing more. On a full disk it is refused whole, and every position of its scope stays open and watched.
     */
    private static void exitAll(RiskRig rig, Random faults, FullDisk disk, Tally tally) {
        List<Position> open = rig.desk.positions().stream().filter(p -> p.state() == PositionState.OPEN).toList();
        String strategy = open.isEmpty() || faults.nextBoolean() ? null : open.get(faults.nextInt(open.size())).strategy();
        List<Position> scope = open.stream().filter(p -> strategy == null || strategy.equals(p.strategy())).toList();
        try {
            ExitAllOutcome outcome = rig.desk.exitAll(strategy);
            if (outcome.exited().size() != scope.size()) {
                throw new AssertionError("exit-all of " + strategy + " exited " + outcome.exited() + " of " + scope);
            }
            ExitAllOutcome again = rig.desk.exitAll(strategy);
            if (!again.exited().isEmpty()) {
                throw new AssertionError("a second exit-all exited " + again.exited() + " again");
            }
            tally.exitAlls++;
            tally.exitedByExitAll += outcome.exited().size();
        } catch (JournalUnavailableException e) {
            if (!disk.full() || scope.stream().anyMatch(p -> rig.position(p.id()).state() != PositionState.OPEN)) {
                throw new AssertionError("a refused exit-all must leave " + scope + " open and watched", e);
            }
            tally.exitAllsRefusedOnFullDisk++;
        }
    }

    /**
     * The day's book already holds up to three complete exit orders of earlier journals for exactly the contracts
     * this run's positions hold (symbol, side, quantity, product; a slice's quantity for a sliced leg), tagged as an
     * old journal without an epoch tagged them ({@code oc-0-0}, colliding with this run's ids) or with another epoch,
     * placed a minute to an hour before the run: lookalikes no exit of this run may adopt.
     */
    private static Set<String> rememberOlderOrders(InMemoryBroker broker, Random random, List<Position> open,
                                                   long nowMillis) {
        Set<String> ids = new HashSet<>();
        for (int k = random.nextInt(4); k > 0; k--) {
            Position position = open.get(random.nextInt(open.size()));
            int legIndex = random.nextInt(position.legs().size());
            Position.Leg leg = position.legs().get(legIndex);
            String epoch = random.nextBoolean() ? "" : "older" + random.nextInt(100);
            int slices = Math.max(1, leg.slices().size());
            int slice = slices == 1 ? 0 : random.nextInt(slices);
            ExitOrder old = new ExitOrder(position.id(), legIndex, ExitOrder.tag(epoch, position.id(), legIndex, slice,
                    slices), leg.symbol(), leg.exchange(), leg.side().exitAction(),
                    slices == 1 ? leg.quantity() : leg.slices().get(slice).quantity(), 100, position.product());
            ids.add(broker.remember(old, nowMillis - 60_000 - random.nextInt(3_600_000)).id);
        }
        return ids;
    }

    /**
     * The process dies: the journal keeps a random prefix, the broker keeps what that moment had sent. A third of
     * the time the disk then damages the journal anywhere, header included: flipped bits, zeroed, duplicated and
     * removed ranges (the broker keeps every order: the damage came after them). The desk restarts on what is left,
     * with room on the disk, and a person resolves whatever it holds for review, from the broker's order book.
     */
    private static void crash(RiskRig rig, Path journal, Random random, Random faults, FullDisk disk, Truth truth,
                              Tally tally) {
        rig.desk.close();
        disk.full(false);
        List<Long> boundaries = new ArrayList<>();
        long end = 20;                                // the version-2 header: magic, version, epoch, CRC
        boundaries.add(end);
        for (JournalRecord record : Journal.read(journal)) {
            end = boundaryAfter(journal, end);
            boundaries.add(end);
        }
        long size = size(journal);
        // after damage, the file was rewritten and its earlier orders settled: a later crash cuts only what came after
        long cut = truth.floor + (long) (random.nextDouble() * (size - truth.floor + 1));
        int keep = random.nextInt(3);
        if (!boundaries.contains(cut)) {
            tally.cutInsideRecord++;
        }
        int before = rig.broker.orders().size();
        rig.broker.crashAt(cut, keep);
        tally.lostByCrash += before - rig.broker.orders().size();
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.WRITE)) {
            channel.truncate(cut);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the last whole frame is spared: its loss cannot be told from a crash while writing it (see damage)
        long lastWhole = -1;
        for (int i = 1; i < boundaries.size() && boundaries.get(i) <= cut; i++) {
            lastWhole = boundaries.get(i - 1);
        }
        boolean damaged = faults.nextInt(3) == 0 && lastWhole > 0;
        if (damaged) {
            damage(journal, lastWhole, faults, tally);
            rig.broker.settle();
        }
        tally.crashes++;
        int generation = truth.generation;
        rig.desk = rig.openDesk();
        JournalHealth health = rig.desk.journalHealth();
        truth.epoch(rig.desk.epoch(), health.startedFresh());
        // a cut inside the header (or to nothing, beside the damaged copies) loses the journal's history: the
        // operator checks the broker's positions and acknowledges it, as LostHistoryTest shows, so positions can be
        // registered again
        if (rig.desk.acknowledgeHistoryLoss()) {
            tally.historyLost++;
        }
        tally.exitingAtRestart += rig.desk.positions().stream().filter(p -> p.state() == PositionState.EXITING).count();
        for (Truth.Opened position : truth.of(generation)) {
            boolean known = truth.generation == generation && rig.desk.position(position.id()).isPresent();
            if (!known && !truth.gone.contains(position.key())) {
                // unknown now: fine if it was never on disk in the moment the crash kept, or if the restart says
                // records were lost; never silently
                if (position.openedEnd() <= cut && !health.damaged()) {
                    throw new AssertionError("position " + position.key() + " vanished at a restart that reported"
                            + " nothing lost");
                }
                truth.gone.add(position.key());
                tally.lostSaid += position.openedEnd() <= cut ? 1 : 0;
            }
        }
        if (damaged) {
            truth.damaged = true;
            truth.floor = size(journal);
            truth.settleOffsets();
            tally.damagedRestarts += health.damaged() ? 1 : 0;
            tally.recordsSkipped += health.recordsSkipped();
        }
        review(rig, truth, tally);
    }

    /**
     * One to three kinds of damage at random places before {@code spareFrom}, the header included. The last whole
     * frame (and a torn one after it) is spared: a journal that lost the end of its last record looks exactly as one
     * whose process died while writing it, which was never acted on, and is taken as that (the README says so).
     */
    private static void damage(Path journal, long spareFrom, Random faults, Tally tally) {
        try {
            byte[] bytes = Files.readAllBytes(journal);
            int spared = bytes.length - (int) spareFrom;
            for (int k = 1 + faults.nextInt(3); k > 0; k--) {
                int limit = bytes.length - spared;
                if (limit <= 0) {
                    break;                                    // earlier removals took every byte before the tail
                }
                int at = faults.nextInt(limit);
                int length = 1 + faults.nextInt(Math.min(300, limit - at));
                switch (faults.nextInt(4)) {
                    case 0 -> bytes[at] ^= (byte) (1 + faults.nextInt(255));
                    case 1 -> java.util.Arrays.fill(bytes, at, at + length, (byte) 0);
                    case 2 -> {
                        int to = faults.nextInt(limit + 1);
                        byte[] grown = new byte[bytes.length + length];
                        System.arraycopy(bytes, 0, grown, 0, to);
                        System.arraycopy(bytes, at, grown, to, length);
                        System.arraycopy(bytes, to, grown, to + length, bytes.length - to);
                        bytes = grown;
                    }
                    default -> {
                        byte[] shrunk = new byte[bytes.length - length];
                        System.arraycopy(bytes, 0, shrunk, 0, at);
                        System.arraycopy(bytes, at + length, shrunk, at, bytes.length - at - length);
                        bytes = shrunk;
                    }
                }
                tally.damages++;
            }
            Files.write(journal, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The operator, told that positions need review, reads the broker's order book: a position with an exit order for
     * every leg is over (cancelled here, nothing sent); one with none is watched again; one with some is cancelled
     * and its other legs closed by hand at the broker, as the page tells them. One whose legs were lost with its
     * OPENED record can only be cancelled.
     */
    private static void review(RiskRig rig, Truth truth, Tally tally) {
        String epoch = rig.desk.epoch();
        for (Position position : rig.desk.positions()) {
            if (position.state() != PositionState.NEEDS_REVIEW) {
                continue;
            }
            tally.reviewed++;
            int legs = position.legs().size();
            String key = truth.key(epoch, position.id());
            Set<Integer> exited = new HashSet<>();
            for (InMemoryBroker.Order order : rig.broker.orders()) {
                if (key.equals(truth.senderOf(order.placed.tag()))) {
                    exited.add(Truth.legOf(order.placed.tag()));
                }
            }
            boolean watch = legs > 0 && exited.isEmpty();
            if (watch) {
                try {
                    rig.desk.resolveReview(position.id(), true);
                    tally.watchedAgain++;
                    continue;
                } catch (IllegalStateException e) {
                    // its legs were lost with its OPENED record: it can only be cancelled
                }
            }
            truth.resolvedByHand.add(truth.key(epoch, position.id()));
            rig.desk.resolveReview(position.id(), false);
        }
    }

    /** End of the frame that starts at {@code start}: its length field (after the sync marker) says. */
    private static long boundaryAfter(Path journal, long start) {
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ)) {
            java.nio.ByteBuffer length = java.nio.ByteBuffer.allocate(4);
            channel.read(length, start + 4);
            return start + 24 + length.flip().getInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean busy(RiskRig rig) {
        return rig.desk.positions().stream().anyMatch(p -> p.state() == PositionState.OPEN
                || p.state() == PositionState.EXITING);
    }

    /**
     * Every surviving position closed, unless a person resolved its review; every slice of every leg (a leg sent
     * whole is one slice) owns exactly one order at the broker, of its leg's symbol and side and its own quantity; no
     * order is owned twice, and none by nobody unless it belongs to a position a person resolved or one a restart
     * reported lost. When the broker reports tags, each slice's order carries its own tag. (Without tags, two legs or
     * two slices exiting the same symbol, side and quantity cannot tell their orders apart after a crash, and either
     * may adopt the other's: each still owns exactly one.)
     */
    private static String check(RiskRig rig, InMemoryBroker broker, boolean tagged, Set<String> foreign, Truth truth,
                                Tally tally) {
        if (!broker.violations().isEmpty()) {
            return broker.violations().toString();
        }
        java.util.Map<String, InMemoryBroker.Order> byId = new java.util.HashMap<>();
        for (InMemoryBroker.Order order : broker.orders()) {
            byId.put(order.id, order);
        }
        String epoch = rig.desk.epoch();
        java.util.Set<String> owned = new java.util.HashSet<>();
        long legs = 0;
        long slices = 0;
        long slicedLegs = 0;
        for (Position position : rig.desk.positions()) {
            if (truth.resolvedByHand.contains(truth.key(epoch, position.id()))) {
                if (position.state() != PositionState.CANCELLED) {
                    return "position " + position.id() + ", resolved by hand, is " + position.state();
                }
                continue;
            }
            if (position.state() != PositionState.CLOSED) {
                return "position " + position.id() + " ended " + position.state() + ": " + position;
            }
            for (int i = 0; i < position.legs().size(); i++) {
                Position.Leg leg = position.legs().get(i);
                List<Position.Slice> parts = leg.slices().isEmpty() ? List.of(new Position.Slice(leg.quantity(),
                        leg.exit(), leg.orderId(), leg.orderPrice(), leg.fillPrice())) : leg.slices();
                for (int k = 0; k < parts.size(); k++) {
                    Position.Slice slice = parts.get(k);
                    String name = "position " + position.id() + " leg " + i + " slice " + k + " of " + parts.size();
                    if (slice.orderId() == null && truth.damaged) {
                        // proven closed, its CLOSED record read, but the record naming its order was lost: the
                        // order stays at the broker, owned by nothing this desk can show
                        truth.closedWithoutOrderId.add(truth.key(epoch, position.id()));
                        tally.closedWithoutOrderId++;
                        slices++;
                        continue;
                    }
                    InMemoryBroker.Order order = byId.get(slice.orderId());
                    if (foreign.contains(slice.orderId())) {
                        return name + " adopted order " + slice.orderId() + " of an earlier journal; "
                                + describe(rig, broker);
                    }
                    if (order == null || !owned.add(slice.orderId())) {
                        return name + " owns order " + slice.orderId() + ", which is " + (order == null
                                ? "not at the broker" : "owned twice") + "; " + describe(rig, broker);
                    }
                    ExitOrder placed = order.placed;
                    if (!placed.symbol().equals(leg.symbol()) || placed.quantity() != slice.quantity()
                            || placed.action() != leg.side().exitAction()) {
                        return name + " owns another instrument's order; " + describe(rig, broker);
                    }
                    boolean ownTag = truth.key(epoch, position.id()).equals(truth.senderOf(placed.tag()))
                            && Truth.legOf(placed.tag()) == i && Truth.sliceOf(placed.tag()) == k;
                    if (tagged && !ownTag) {
                        return name + " adopted a tagged order of another leg or slice; " + describe(rig, broker);
                    }
                    tally.foreignTags += ownTag ? 0 : 1;
                    slices++;
                }
                slicedLegs += parts.size() > 1 ? 1 : 0;
                legs++;
            }
        }
        long accounted = 0;
        for (InMemoryBroker.Order order : broker.orders()) {
            if (foreign.contains(order.id) || owned.contains(order.id)) {
                continue;
            }
            String sender = truth.senderOf(order.placed.tag());
            if (sender == null || !truth.resolvedByHand.contains(sender) && !truth.gone.contains(sender)
                    && !truth.closedWithoutOrderId.contains(sender)) {
                return "order " + order.id + " (" + order.placed.tag() + ") is owned by no slice, and no restart or"
                        + " review said why; " + describe(rig, broker);
            }
            accounted++;
        }
        tally.positions += rig.desk.positions().size();
        tally.legs += legs;
        tally.slices += slices;
        tally.slicedLegs += slicedLegs;
        tally.slicedRuns += slicedLegs > 0 ? 1 : 0;
        tally.orders += owned.size();
        tally.ordersOfResolvedOrLost += accounted;
        tally.adopted += rig.audit.of(AuditKind.ORDER_ADOPTED).size();
        tally.reprices += broker.orders().stream().mapToInt(o -> o.modifies).sum();
        return null;
    }

    private static String describe(RiskRig rig, InMemoryBroker broker) {
        return "broker " + broker.orders().stream().map(o -> o.id + "=" + o.placed.tag() + " " + o.placed.symbol() + " "
                + o.placed.action() + " " + o.placed.quantity()).toList() + "; desk " + rig.desk.positions().stream()
                .map(p -> p.id() + " " + p.state() + " " + p.legs().stream().map(l -> l.symbol() + " " + l.side() + " "
                        + l.quantity() + " order " + l.orderId() + (l.slices().isEmpty() ? "" : " slices " + l.slices()
                        .stream().map(s -> s.quantity() + "=" + s.orderId()).toList())).toList()).toList();
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the user was told: every position the desk acknowledged, and what became of the ones it lost. A position
     * is known by its id within a generation of the journal: a repair that keeps the records but not the header's
     * epoch starts a new epoch over the same ids; only a journal started afresh starts a new generation.
     */
    private static final class Truth {
        record Opened(String key, int generation, long id, long openedEnd) {
        }

        final List<Opened> opened = new ArrayList<>();
        /** Positions a restart no longer knew, having said that records were lost (or never having had them). */
        final Set<String> gone = new HashSet<>();
        /** Positions a person cancelled from review after reading the broker's book. */
        final Set<String> resolvedByHand = new HashSet<>();
        /** Closed positions whose legs' order ids were lost with a record. */
        final Set<String> closedWithoutOrderId = new HashSet<>();
        private final java.util.Map<String, Integer> generations = new java.util.HashMap<>();
        int generation;
        /** Whether some restart found the journal damaged in the middle. */
        boolean damaged;
        /** Where the journal's undamaged part ends: crashes cut only what was written after the last damage. */
        long floor;

        /** A desk opened on {@code epoch}; {@code fresh} when its journal started afresh. */
        void epoch(String epoch, boolean fresh) {
            if (!generations.containsKey(epoch)) {
                generation += fresh ? 1 : 0;
                generations.put(epoch, generation);
            }
        }

        String key(String epoch, long id) {
            return generations.get(epoch) + "/" + id;
        }

        void opened(String epoch, Position position, long journalBytes) {
            opened.add(new Opened(key(epoch, position.id()), generations.get(epoch), position.id(), journalBytes));
        }

        List<Opened> of(int generation) {
            return opened.stream().filter(o -> o.generation() == generation).toList();
        }

        /** A damaged journal was rewritten: every position opened so far is now below any later cut. */
        void settleOffsets() {
            opened.replaceAll(o -> new Opened(o.key(), o.generation(), o.id(), 0));
        }

        /** The position whose exit sent an order with this tag ({@code oc-<epoch>-<id>-<leg>[-<slice>]}), or null. */
        String senderOf(String tag) {
            String[] parts = tag.split("-");
            Integer generation = parts.length == 4 || parts.length == 5 ? generations.get(parts[1]) : null;
            return generation == null ? null : generation + "/" + parts[2];
        }

        /** The leg an order with this tag exits. */
        static int legOf(String tag) {
            return Integer.parseInt(tag.split("-")[3]);
        }

        /** The slice of its leg an order with this tag exits: 0 for a leg sent whole. */
        static int sliceOf(String tag) {
            String[] parts = tag.split("-");
            return parts.length == 5 ? Integer.parseInt(parts[4]) : 0;
        }
    }

    private static final class Tally {
        int runs;
        long positions;
        long legs;
        long slices;
        long slicedLegs;
        int slicedRuns;
        long orders;
        long crashes;
        long cutInsideRecord;
        long lostByCrash;
        long exitingAtRestart;
        long adopted;
        long reprices;
        long foreignTags;
        long foreignOrders;
        int untaggedRuns;
        long fullDisks;
        long refusedOnFullDisk;
        long exitsByHand;
        long exitsRefusedOnFullDisk;
        long exitAlls;
        long squareOffsSet;
        long squaredOff;
        long triggerRulesSet;
        long firedOnTriggerRules;
        boolean runHasConfirmation;
        long exitedByExitAll;
        long exitAllsRefusedOnFullDisk;
        long damages;
        long damagedRestarts;
        long recordsSkipped;
        long lostSaid;
        long reviewed;
        long watchedAgain;
        long ordersOfResolvedOrLost;
        long closedWithoutOrderId;
        long historyLost;
        long limitSets;
        long limitsFired;
        long floorsLocked;
        long exitedByLimit;
        long exitedByLock;
        long refusedByLimit;
        long legStopPositions;
        long ratioSpreads;
        long legsExitedOnTheirOwn;
        long partlyExitedThenWhole;
        long exitedWholeByALeg;
        long stopsAtCost;

        @Override
        public String toString() {
            return runs + " runs (" + untaggedRuns + " against an order book without tags, as OpenAlgo's), "
                    + positions + " positions, " + legs + " legs (" + slicedLegs + " above the freeze quantity, in "
                    + slicedRuns + " runs), " + slices + " slices, " + orders + " exit orders, "
                    + crashes + " crashes (" + cutInsideRecord + " cut inside a record, " + exitingAtRestart
                    + " positions exiting at a restart, " + lostByCrash + " sends undone by a crash, " + historyLost
                    + " journals that lost their history, acknowledged), " + adopted
                    + " orders adopted after a look-up (" + foreignTags + " of them another leg's or slice's"
                    + " interchangeable order), " + reprices + " re-prices; " + foreignOrders
                    + " orders of earlier journals in the book, none adopted; " + damages + " damages in "
                    + damagedRestarts + " restarts (" + recordsSkipped + " records skipped, " + lostSaid
                    + " acknowledged positions reported lost, " + reviewed + " reviews: " + watchedAgain
                    + " watched again, " + ordersOfResolvedOrLost + " orders of resolved or lost positions, "
                    + closedWithoutOrderId + " slices closed with their order id lost); "
                    + fullDisks + " full disks (" + refusedOnFullDisk + " positions and " + exitsRefusedOnFullDisk
                    + " of " + (exitsByHand + exitsRefusedOnFullDisk) + " exits by hand refused, "
                    + exitAllsRefusedOnFullDisk + " of " + (exitAlls + exitAllsRefusedOnFullDisk)
                    + " exit-alls refused); " + exitedByExitAll + " positions exited by " + exitAlls + " exit-alls; "
                    + squareOffsSet + " positions with a square-off time, " + squaredOff + " squared off by it; "
                    + limitSets + " runs with MTM limits, " + limitsFired + " fired (" + floorsLocked
                    + " profits locked), " + exitedByLimit + " positions exited by them (" + exitedByLock
                    + " by a locked profit), " + refusedByLimit + " positions refused after one fired; "
                    + triggerRulesSet + " with trigger rules (depth, confirmations), " + firedOnTriggerRules
                    + " fired by a stop or target under them; " + legStopPositions + " with stops per leg ("
                    + ratioSpreads + " ratio spreads): " + legsExitedOnTheirOwn + " legs exited on their own, "
                    + partlyExitedThenWhole + " positions partly exited before the rest went, " + exitedWholeByALeg
                    + " exited whole by one leg's stop, " + stopsAtCost + " legs whose stop moved to cost";
        }
    }
}
