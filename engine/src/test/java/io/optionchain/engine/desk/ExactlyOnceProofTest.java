package io.optionchain.engine.desk;

import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.journal.Journal;
import io.optionchain.engine.journal.JournalRecord;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.ports.ExitOrder;
import io.optionchain.engine.positions.Position;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.RiskSettings;
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
 * late, stale, zero and missing quotes and reconnect gaps, and works the exits against a broker that refuses
 * sends, loses answers before and after taking the order, fails status and order-book calls and fills late.
 * Then it crashes, once or twice: the journal is cut at a random byte (anything from an empty file to the
 * whole of it) and the broker forgets every order a crash at that byte would never have sent, keeping the
 * ones it would have (at a cut that falls exactly after a record, a random number of the sends made right
 * after it). The desk restarts on the cut journal and carries on. Finally the market collapses through every
 * stop and the exits are worked to the end.
 *
 * <p>The broker is the in-memory stand-in ({@link InMemoryBroker}), which outlives the crash as a real broker
 * outlives the process: the crash is what cannot otherwise be caused in-process. On every send it also
 * checks that the position's EXITING record is already on disk, and it refuses (and counts as broken) any order
 * above the freeze quantity, as the exchange does.
 *
 * <p>Every run must end with each position that survived the crash closed by exactly one order per slice, no
 * order at the broker for a position the crash erased, and a last restart that sends nothing more.
 */
class ExactlyOnceProofTest {
    /** 1,000 in every build; {@code mvn verify -Pproof} runs 10,000. */
    private static final int RUNS = Integer.getInteger("risk.proof.runs", 1_000);
    private static final List<String> SYMBOLS = List.of(RiskRig.CE, RiskRig.PE, RiskRig.CE_OTM, RiskRig.PE_OTM);
    private static final RiskSettings SETTINGS = new RiskSettings(1.0, 2.0, 0.05, Duration.ofSeconds(3), 10,
            Duration.ofMillis(600), 3, Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(500), 64,
            Duration.ofDays(7));

    @TempDir
    Path data;

    @Test
    void shouldSendExactlyOneExitPerSliceAcrossDuplicatesReconnectsFailuresAndCrashes() {
        InstrumentRegistry registry = new InstrumentRegistry(256);
        ManualClock clock = new ManualClock(RiskRig.START);
        List<String> failures = new ArrayList<>();
        Tally tally = new Tally();
        try (ChainStore store = ChainStore.inMemory(256)) {
            String only = System.getProperty("risk.proof.seed");   // replay one run: -Drisk.proof.seed=902
            int first = only == null ? 0 : Integer.parseInt(only);
            int end = only == null ? RUNS : first + 1;
            for (int seed = first; seed < end; seed++) {
                clock.set(clock.millis() + 86_400_000);
                try {
                    String failure = run(seed, data.resolve("run-" + seed), clock, registry, store, tally);
                    if (failure != null) {
                        failures.add("seed " + seed + ": " + failure);
                    }
                } catch (RuntimeException | AssertionError e) {
                    failures.add("seed " + seed + ": " + e);
                }
            }
        }
        System.out.println("exactly-once proof: " + tally);
        assertThat(failures).as("runs that did not end with exactly one exit per slice").isEmpty();
        if (System.getProperty("risk.proof.seed") != null) {
            return;
        }
        assertThat(tally.runs).isEqualTo(RUNS);
        assertThat(tally.slices).isEqualTo(tally.orders);
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
    }

    private static String run(int seed, Path dir, ManualClock clock, InstrumentRegistry registry, ChainStore store,
                              Tally tally) {
        // the seed scrambled first: java.util.Random's first draws of nearby small seeds agree (every seed below
        // 200 drew a tagged broker), which left OpenAlgo's untagged order book out of the 1,000 runs of a build
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
        Path journal = dir.resolve(Journal.FILE_NAME);
        boolean tagged = random.nextBoolean();   // a server that reports each order's strategy tag, or OpenAlgo's book
        tally.untaggedRuns += tagged ? 0 : 1;
        InMemoryBroker broker = new InMemoryBroker().withFaults(random.nextLong(), 0.1, 0.1, 0.15, 0.15, 3)
                .echoingTags(tagged);
        broker.recordingJournal(() -> size(journal), order -> Journal.read(journal).stream()
                .anyMatch(r -> r instanceof JournalRecord.Exiting e && e.positionId() == order.positionId())
                ? null : "order for position " + order.positionId() + " sent before its EXITING record was on disk");
        Set<String> foreign = new HashSet<>();
        MarketScript market = new MarketScript(random, SYMBOLS, clock.millis(), 2_000);
        PositionGenerator positions = new PositionGenerator(random, SYMBOLS, true);
        int crashes = 1 + random.nextInt(2);
        int opened = 0;
        try (RiskRig rig = new RiskRig(dir, SETTINGS, broker, clock, registry, store, false)) {
            for (int phase = 0; phase <= crashes; phase++) {
                if (phase == 0 || random.nextInt(3) == 0) {
                    for (int p = 1 + random.nextInt(3); p > 0; p--) {
                        rig.desk.open(positions.next("s" + opened++, 100, true));
                    }
                }
                if (phase == 0) {
                    foreign.addAll(rememberOlderOrders(broker, random, rig.desk.positions(), clock.millis()));
                    tally.foreignOrders += foreign.size();
                }
                if (phase == crashes) {
                    break;
                }
                for (ScriptedTick tick : market.next(30 + random.nextInt(150))) {
                    clock.set(tick.nowMillis());
                    rig.send(tick);
                    if (random.nextInt(3) > 0) {
                        rig.work();
                    }
                    if (random.nextInt(100) == 0 && opened < 8) {
                        rig.desk.open(positions.next("s" + opened++, 100, true));
                    }
                }
                rig.work(random.nextInt(6), 150);
                crash(rig, journal, random, tally);
            }
            for (ScriptedTick tick : market.crash()) {
                clock.set(tick.nowMillis());
                rig.send(tick);
            }
            for (int i = 0; i < 400 && busy(rig); i++) {
                rig.work();
                clock.advance(100);
            }
            String failure = check(rig, broker, tagged, foreign, tally);
            if (failure != null) {
                return failure;
            }
            int ordersBefore = broker.orders().size();
            rig.restart();
            rig.work(20, 300);
            if (broker.orders().size() != ordersBefore) {
                return "a clean restart sent " + (broker.orders().size() - ordersBefore) + " more orders";
            }
            if (rig.desk.positions().stream().anyMatch(p -> p.state() != PositionState.CLOSED)) {
                return "after the last restart some position is not closed: " + rig.desk.positions();
            }
        }
        tally.runs++;
        return null;
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

    /** The process dies: the journal keeps a random prefix, the broker keeps what that moment had sent. */
    private static void crash(RiskRig rig, Path journal, Random random, Tally tally) {
        rig.desk.close();
        List<Long> boundaries = new ArrayList<>();
        long end = 20;                                // the version-2 header: magic, version, epoch, CRC
        boundaries.add(end);
        for (JournalRecord record : Journal.read(journal)) {
            end = boundaryAfter(journal, end);
            boundaries.add(end);
        }
        long size = size(journal);
        long cut = (long) (random.nextDouble() * (size + 1));
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
        tally.crashes++;
        rig.desk = rig.openDesk();
        tally.exitingAtRestart += rig.desk.positions().stream().filter(p -> p.state() == PositionState.EXITING).count();
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
     * Every surviving position closed; every slice of every leg (a leg sent whole is one slice) owns exactly one
     * order at the broker, of its leg's symbol and side and its own quantity; no order is owned twice or by nobody,
     * so the broker holds as many orders as there are slices. When the broker reports tags, each slice's order
     * carries its own tag. (Without tags, two legs or two slices exiting the same symbol, side and quantity cannot
     * tell their orders apart after a crash, and either may adopt the other's: each still owns exactly one.)
     */
    private static String check(RiskRig rig, InMemoryBroker broker, boolean tagged, Set<String> foreign,
                                Tally tally) {
        if (!broker.violations().isEmpty()) {
            return broker.violations().toString();
        }
        java.util.Map<String, InMemoryBroker.Order> byId = new java.util.HashMap<>();
        for (InMemoryBroker.Order order : broker.orders()) {
            byId.put(order.id, order);
        }
        java.util.Set<String> owned = new java.util.HashSet<>();
        long legs = 0;
        long slices = 0;
        long slicedLegs = 0;
        for (Position position : rig.desk.positions()) {
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
                    boolean ownTag = placed.tag().equals(ExitOrder.tag(rig.desk.epoch(), position.id(), i, k,
                            parts.size()));
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
        if (byId.size() - foreign.size() != slices) {
            return (byId.size() - foreign.size()) + " orders at the broker for " + slices + " slices of " + legs
                    + " legs; " + describe(rig, broker);
        }
        tally.positions += rig.desk.positions().size();
        tally.legs += legs;
        tally.slices += slices;
        tally.slicedLegs += slicedLegs;
        tally.slicedRuns += slicedLegs > 0 ? 1 : 0;
        tally.orders += byId.size() - foreign.size();
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

        @Override
        public String toString() {
            return runs + " runs (" + untaggedRuns + " against an order book without tags, as OpenAlgo's), "
                    + positions + " positions, " + legs + " legs (" + slicedLegs + " above the freeze quantity, in "
                    + slicedRuns + " runs), " + slices + " slices, " + orders + " exit orders, "
                    + crashes + " crashes (" + cutInsideRecord + " cut inside a record, " + exitingAtRestart
                    + " positions exiting at a restart, " + lostByCrash + " sends undone by a crash), " + adopted
                    + " orders adopted after a look-up (" + foreignTags + " of them another leg's or slice's"
                    + " interchangeable order), " + reprices + " re-prices; " + foreignOrders
                    + " orders of earlier journals in the book, none adopted";
        }
    }
}
