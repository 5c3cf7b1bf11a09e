package io.optionchain.engine.desk;

import io.optionchain.engine.desk.HistoryLossReport.UnaccountedHolding;
import io.optionchain.engine.journal.HistoryLoss;
import io.optionchain.engine.ports.BrokerPosition;
import io.optionchain.engine.ports.OrderAccounts;
import io.optionchain.engine.positions.LegExit;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.stops.LiveLeg;
import io.optionchain.engine.stops.LivePosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The desk's guard after the journal lost its history ({@link HistoryLoss}): what the broker holds that no
 * position the journal knows accounts for, and the refusals that follow until a person acknowledges the loss.
 *
 * <p>Every account's position book is read, and a holding is matched only against the positions that account holds:
 * the holdings are known once every account has answered (the last complete answer stands meanwhile).
 *
 * <p>The broker's position book is read on a thread of its own: never the ring, and never the exit executor, whose
 * exits must not wait on a slow broker. It is read until the broker answers (back-off from {@link #FIRST_RETRY} to
 * {@link #REFRESH}), then again every {@link #REFRESH} while the loss is unacknowledged, so an exit filled since
 * does not leave a holding listed that is gone. Until acknowledged: a new position on a symbol listed here is
 * refused, so is every new position while the book has not been read, and so is a manual exit of a position
 * with a leg on a listed symbol. Stops of the positions the journal knows keep working. Thread-safe.
 */
final class UnknownHoldings implements AutoCloseable {
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration REFRESH = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(UnknownHoldings.class);
    private static final int PROBLEM_CHARACTERS = 200;

    /** One answer of the broker, with what it left unaccounted. */
    private record Read(List<UnaccountedHolding> holdings, long atMillis) {
    }

    private final OrderAccounts accounts;
    private final Clock clock;
    private final Supplier<Collection<LivePosition>> known;
    /** Null when the journal lost nothing. */
    private volatile HistoryLoss loss;
    private volatile Read read;
    private volatile String problem;
    private Thread reader;

    /** @param known the positions the journal knows, live and ended, read at each answer of the broker */
    UnknownHoldings(HistoryLoss loss, OrderAccounts accounts, Clock clock, Supplier<Collection<LivePosition>> known) {
        this.loss = loss;
        this.accounts = accounts;
        this.clock = clock;
        this.known = known;
    }

    /** The loss is known and no person has acknowledged it: positions are held back. */
    boolean holding() {
        HistoryLoss lost = loss;
        return lost != null && !lost.acknowledged();
    }

    /** Starts reading the broker's position book while the loss is unacknowledged. Idempotent. */
    synchronized void start() {
        if (reader != null || !holding()) {
            return;
        }
        reader = new Thread(this::readUntilAcknowledged, "broker-holdings");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Reads every account's position book once and lists what each holds beyond the journal's positions of that
     * account.
     *
     * @return false when some account did not answer (the last complete answer, if any, stands)
     */
    boolean check() {
        String reading = null;
        try {
            Map<String, List<BrokerPosition>> books = new LinkedHashMap<>();
            for (String account : accounts.names()) {
                reading = account;
                books.put(account, accounts.gateway(account).positionBook());
            }
            reading = null;
            Collection<LivePosition> journalled = known.get();
            List<UnaccountedHolding> holdings = new ArrayList<>();
            books.forEach((account, book) -> holdings.addAll(unaccounted(account, book, journalled)));
            Read before = read;
            read = new Read(holdings, clock.millis());
            problem = null;
            if (before == null || !before.holdings.equals(holdings)) {
                LOG.warn("journal history lost: the broker holds {} that no journalled position accounts for",
                        holdings.isEmpty() ? "nothing" : holdings);
            }
            return true;
        } catch (RuntimeException e) {
            String why = (reading == null ? "" : "account " + reading + ": ") + e.getMessage();
            why = why.length() <= PROBLEM_CHARACTERS ? why : why.substring(0, PROBLEM_CHARACTERS) + "…";
            if (!why.equals(problem)) {
                LOG.warn("journal history lost: cannot read the broker's position book ({}); trying again", why);
            }
            problem = why;
            return false;
        }
    }

    /** The loss was acknowledged and journalled: nothing is held back from now on. */
    void acknowledged(long atMillis) {
        HistoryLoss lost = loss;
        loss = new HistoryLoss(lost.cause(), lost.sinceMillis(), true);
        LOG.warn("journal history loss acknowledged at {}; positions on every symbol may be registered again",
                Instant.ofEpochMilli(atMillis));
    }

    /** What status shows; null when the journal lost nothing. */
    HistoryLossReport report() {
        HistoryLoss lost = loss;
        if (lost == null) {
            return null;
        }
        Read seen = read;
        return new HistoryLossReport(lost.cause(), lost.sinceMillis(), lost.acknowledged(),
                seen == null ? null : seen.holdings, seen == null ? 0 : seen.atMillis, problem);
    }

    /** @throws UnacknowledgedHistoryLossException while held back: a symbol is listed, or nothing was read yet */
    void refuseNewPosition(List<String> symbols) {
        if (!holding()) {
            return;
        }
        Read seen = read;
        if (seen == null) {
            throw new UnacknowledgedHistoryLossException(null, "cannot check the broker's holdings yet: the"
                    + " journal's history was lost, and no position is registered until what the broker holds is"
                    + " known or the loss is acknowledged");
        }
        refuseListed(symbols, seen, "registered");
    }

    /** @throws UnacknowledgedHistoryLossException while held back and a leg's symbol is listed */
    void refuseManualExit(LivePosition position) {
        Read seen = read;
        if (!holding() || seen == null) {
            return;
        }
        List<String> symbols = new ArrayList<>();
        for (LiveLeg leg : position.legs) {
            symbols.add(leg.symbol);
        }
        refuseListed(symbols, seen, "exited by hand");
    }

    private static void refuseListed(List<String> symbols, Read seen, String what) {
        for (String symbol : symbols) {
            for (UnaccountedHolding holding : seen.holdings) {
                if (holding.symbol().equalsIgnoreCase(symbol)) {
                    throw new UnacknowledgedHistoryLossException(holding.symbol(), holding.symbol() + ": account "
                            + holding.account() + " holds " + holding.quantity() + " (" + holding.product()
                            + ") that no journalled position accounts for, and the journal's history was lost; nothing on"
                            + " it is " + what
                            + " until a person checks the broker's positions and acknowledges the loss");
                }
            }
        }
    }

    /**
     * {@code account}'s non-zero net holdings beyond what the legs of the journal's open positions it holds (any not
     * closed or cancelled, legs not yet filled) account for, per symbol, exchange and product. A holding counts only
     * in its own direction: a journal that accounts for more than the broker holds leaves nothing listed.
     */
    static List<UnaccountedHolding> unaccounted(String account, List<BrokerPosition> book,
                                                Collection<LivePosition> known) {
        Map<String, Long> journalled = new LinkedHashMap<>();
        for (LivePosition position : known) {
            PositionState state = position.state();
            if (state == PositionState.CLOSED || state == PositionState.CANCELLED
                    || !position.account.equals(account)) {
                continue;
            }
            for (LiveLeg leg : position.legs) {
                if (leg.exit != LegExit.FILLED) {
                    journalled.merge(key(leg.symbol, leg.exchange, position.product),
                            leg.side == PositionSide.LONG ? leg.quantity : -leg.quantity, Long::sum);
                }
            }
        }
        Map<String, BrokerPosition> held = new LinkedHashMap<>();
        for (BrokerPosition row : book) {
            held.merge(key(row.symbol(), row.exchange(), row.product()), row, (a, b) -> new BrokerPosition(
                    a.symbol(), a.exchange(), a.product(), a.quantity() + b.quantity(), 0, a.ltp(), a.pnl() + b.pnl()));
        }
        List<UnaccountedHolding> unaccounted = new ArrayList<>();
        held.forEach((key, row) -> {
            long quantity = row.quantity();
            long rest = quantity - journalled.getOrDefault(key, 0L);
            if (quantity != 0 && Long.signum(rest) == Long.signum(quantity)) {
                long part = Long.signum(quantity) * Math.min(Math.abs(rest), Math.abs(quantity));
                unaccounted.add(new UnaccountedHolding(row.symbol(), row.exchange(), row.product(), quantity, part,
                        account));
            }
        });
        return unaccounted;
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            running = reader;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void readUntilAcknowledged() {
        Duration retry = FIRST_RETRY;
        while (holding() && !Thread.currentThread().isInterrupted()) {
            boolean answered = check();
            // once the holdings are known they are kept fresh at a steady pace; until then asked sooner, backing off
            Duration wait = answered || read != null ? REFRESH : retry;
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            retry = retry.multipliedBy(2).compareTo(REFRESH) > 0 ? REFRESH : retry.multipliedBy(2);
        }
    }

    private static String key(String symbol, String exchange, String product) {
        return (Objects.toString(symbol, "") + "|" + Objects.toString(exchange, "") + "|"
                + Objects.toString(product, "")).toUpperCase(Locale.ROOT);
    }
}
