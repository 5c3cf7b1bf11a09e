package io.optionchain.engine.desk;

import io.optionchain.engine.exits.ExitExecutor;
import io.optionchain.engine.exits.ExitPricer;
import io.optionchain.engine.exits.PriceProtection;
import io.optionchain.engine.exits.SquareOffTimes;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.journal.Journal;
import io.optionchain.engine.journal.JournalHealth;
import io.optionchain.engine.journal.JournalRecord;
import io.optionchain.engine.journal.JournalRecord.Cancelled;
import io.optionchain.engine.journal.JournalRecord.HistoryLossAcknowledged;
import io.optionchain.engine.journal.JournalRecord.Opened;
import io.optionchain.engine.journal.JournalRecord.OpenedLeg;
import io.optionchain.engine.journal.JournalRecord.Reviewed;
import io.optionchain.engine.journal.JournalReplay;
import io.optionchain.engine.journal.JournalReplay.Image;
import io.optionchain.engine.journal.JournalReplay.LegImage;
import io.optionchain.engine.journal.JournalUnavailableException;
import io.optionchain.engine.journal.OwnedOrder;
import io.optionchain.engine.ports.AuditEvent;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.ports.AuditSink;
import io.optionchain.engine.ports.FeedHealth;
import io.optionchain.engine.positions.ExecutionCheck;
import io.optionchain.engine.positions.ExitAllOutcome;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LegRequest;
import io.optionchain.engine.positions.LimitState;
import io.optionchain.engine.positions.Position;
import io.optionchain.engine.positions.PositionRequest;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.RiskLimits;
import io.optionchain.engine.positions.StrategyPnl;
import io.optionchain.engine.stops.HandOff;
import io.optionchain.engine.stops.LiveLeg;
import io.optionchain.engine.stops.LivePosition;
import io.optionchain.engine.stops.LiveSlice;
import io.optionchain.engine.stops.MtmScope;
import io.optionchain.engine.stops.PositionIndex;
import io.optionchain.engine.stops.RiskHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;

/**
 * Premium stop-losses, targets and trailing stops for in-process executors: open a position, and the desk
 * watches it on every tick of its legs (the ring's {@link RiskHandler}), exits it exactly once with marketable
 * limit orders ({@link ExitExecutor}) and journals every step so a restart resumes where it stopped.
 *
 * <pre>
 *   API thread ──open/exit/cancel──> journal (synced) ──> PositionIndex (volatile, copy on write)
 *   ring ── RiskHandler ──OPEN→EXITING (CAS)──> exit queue ──> ExitExecutor thread ──> OrderGateway
 *                        └──alerts──> audit queue ───────────────────┘ └──> journal, AuditSink
 * </pre>
 *
 * Thread-safe. {@link #open} returns once the position is journalled and watched; an order is never sent for
 * a position whose trigger is not on disk.
 */
public final class RiskDesk implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RiskDesk.class);

    private final RiskContext context;
    private final Journal journal;
    private final PositionInstruments instruments;
    private final PositionRequests requests;
    private final PositionViews views;
    private final PositionIndex index;
    private final ConcurrentSkipListMap<Long, LivePosition> positions = new ConcurrentSkipListMap<>();
    private final HandOff<LivePosition> exits;
    private final HandOff<AuditEvent> audits;
    private final RiskHandler handler;
    private final ExitExecutor executor;
    private final PriceProtection priceProtection;
    private final ExecutionJudge judge;
    private final ExecutionWatch execution;
    private final HeldSymbols held;
    private final UnknownHoldings unknownHoldings;
    /** What the journal says of each position in NEEDS_REVIEW, to watch it again from; removed when resolved. */
    private final Map<Long, Image> reviews = new ConcurrentHashMap<>();
    private long nextId;
    /** The journal's random id, in every exit tag; empty until the journal keeps one. */
    private final String epoch;
    private final EndedPositions ended;
    private final MtmLimits limits;
    /** One kill switch at a time, so each call's lists say exactly what it did. */
    private final Object exitAllLock = new Object();
    private boolean started;

    private RiskDesk(RiskContext context, Journal journal) {
        this.context = context;
        this.journal = journal;
        this.epoch = journal.epoch();
        this.held = new HeldSymbols(context.pins(), context.registry());
        this.instruments = new PositionInstruments(context.registry(), context.underlyings(), context.contracts());
        this.requests = new PositionRequests(instruments, context.orders());
        this.views = new PositionViews(context.store(), context.chains(), context.registry(), context.clock(),
                this::judged);
        this.index = new PositionIndex(context.registry().capacity());
        int capacity = Math.max(1_024, Integer.highestOneBit(context.settings().maxPositions() * 2 - 1) << 1);
        this.exits = new HandOff<>(capacity);
        this.audits = new HandOff<>(capacity * 4);
        this.handler = new RiskHandler(index, context.store(), context.clock(), context.settings(), exits, audits);
        this.limits = new MtmLimits(context.dataDirectory(), context.clock(), context.orders().primary(),
                new SquareOffTimes(context.calendar()));
        this.executor = new ExitExecutor(journal, context.orders(), context.audit(), context.store(), context.clock(),
                context.settings(), id -> instruments.tickSize(id, context.settings().tickSize()),
                instruments::priceBand, exits, audits, positions.values(), this::finished, limits::checkpoint,
                limits.squareOffs());
        this.priceProtection = new PriceProtection(context.store(), instruments::priceBand,
                id -> instruments.tickSize(id, context.settings().tickSize()));
        this.judge = new ExecutionJudge(context.store(), priceProtection,
                id -> instruments.tickSize(id, context.settings().tickSize()), new ExitPricer(context.settings()),
                context.settings().maxQuoteAge().toMillis(), executor::accountProblem);
        this.execution = new ExecutionWatch(judge, positions.values(), audits, context.clock());
        this.unknownHoldings = new UnknownHoldings(journal.historyLoss(), context.orders(), context.clock(),
                positions::values);
        this.ended = new EndedPositions(this, positions, journal, context.clock(),
                context.settings().retainEnded().toMillis(), () -> nextId, this::refreshLimits,
                context.orders().primary());
    }

    /**
     * The exchange's limit price protection band of each instrument now, as exits are clamped into it: whether an
     * exit at a price would be taken ({@link PriceProtection#inside}). Thread-safe.
     */
    public PriceProtection priceProtection() {
        return priceProtection;
    }

    /**
     * The feed whose staleness the execution check shows against every open position ({@link ExecutionCheck});
     * until told, the feed is taken as live. Any time, any thread.
     */
    public RiskDesk watchFeed(FeedHealth health) {
        judge.watchFeed(health);
        return this;
    }

    /**
     * "Can this stop execute now?" for an open position, as the desk's checker judged it last (about once a second,
     * off the ring); empty when it is not open or not judged yet.
     */
    public Optional<ExecutionCheck> executionCheck(long id) {
        return Optional.ofNullable(execution.check(id));
    }

    /** The checker's latest for the position; the views read it once the desk is built. */
    private ExecutionCheck judged(long id) {
        return execution.check(id);
    }

    /** Judges every open position's execution check now, as the checker's thread does each second. */
    public void checkExecution() {
        execution.checkAll();
    }

    /** Times an open position's execution check turned red (each sent one ALERT). */
    public long executionRedTurns() {
        return execution.redTurns();
    }

    /**
     * The legs of every open or exiting position, as instruments: what needs prices for its stop or its exit, and
     * what the REST-quote fallback polls while the feed is stale. Any thread.
     */
    public Set<Instrument> watchedInstruments() {
        Set<Instrument> watched = new LinkedHashSet<>();
        for (LivePosition position : positions.values()) {
            PositionState state = position.state();
            if (state == PositionState.OPEN || state == PositionState.EXITING) {
                for (LiveLeg leg : position.legs) {
                    Instrument instrument = context.registry().byId(leg.instrumentId);
                    if (instrument != null) {
                        watched.add(instrument);
                    }
                }
            }
        }
        return watched;
    }

    /** The journal's random id, part of every exit order's tag ({@code oc-<epoch>-<position>-<leg>}). */
    public String epoch() {
        return epoch;
    }

    /**
     * Opens the journal in the data directory and brings every position back in its journalled state: open ones
     * watched again (trailing stops from their last journalled mark), exiting ones resumed by the executor once
     * {@link #start} runs it. Call after chain state is open, before the ring starts.
     *
     * <p>A damaged journal is repaired first ({@link Journal}): positions a lost record may have concerned come
     * back in NEEDS_REVIEW, neither watched nor exited until {@link #resolveReview}; new ids continue above every
     * id the journal ever held. A journal that lost its history ({@link #historyLoss}) holds back positions on what
     * the broker holds beyond the journal's, until {@link #acknowledgeHistoryLoss}. Ended positions past
     * {@code retain_ended} are then forgotten, and the journal is compacted without their records if it holds any.
     */
    public static RiskDesk open(RiskContext context) {
        Journal journal = Journal.open(context.dataDirectory(), context.clock(), context.earlierUse(),
                context.journalStorage());
        try {
            RiskDesk desk = new RiskDesk(context, journal);
            desk.restore(JournalReplay.fold(journal.replayed()));
            desk.ended.forgotten().restore(JournalReplay.snapshot(journal.replayed()));
            desk.limits.restore();
            desk.refreshLimits();
            desk.ended.compactAtStart();
            return desk;
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    private void restore(Map<Long, Image> images) {
        // every order an exit ever owned, in this journal or one moved aside, is never adopted by a look-up in the
        // book of the account it went through (the primary's, for an order journalled before accounts)
        String primary = context.orders().primary();
        for (OwnedOrder owned : journal.knownOrderOwners()) {
            executor.claim(owned.account() == null ? primary : owned.account(), owned.orderId(), owned.ownerTag());
        }
        Map<PositionState, Integer> counts = new LinkedHashMap<>();
        for (Image image : images.values()) {
            int[] ids = new int[image.opened.legs().size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = instruments.restore(image.opened.legs().get(i));
            }
            // an exit under way is sliced as its EXITING (or the leg's LEG_EXITING) record planned; anything else as the
            // config says now
            long[] slicing = journalledSlicing(image, instruments.slicing(image.opened));
            LivePosition position = new LivePosition(image.opened, ids, image.state, epoch, slicing, primary);
            if (!Double.isNaN(image.watermark)) {
                position.watermark = image.watermark;
                position.journalledWatermark = image.watermark;
            }
            if (image.exiting != null) {
                position.restoreTrigger(image.exiting);
            }
            for (int i = 0; i < ids.length; i++) {
                restoreLeg(position.legs[i], image.legs[i], image.state);
            }
            if (image.state == PositionState.CLOSED || image.state == PositionState.CANCELLED
                    || image.state == PositionState.EXIT_FAILED) {
                position.finish(image.state, image.endedMillis);
            }
            positions.put(position.id, position);
            nextId = Math.max(nextId, position.id + 1);
            if (image.state == PositionState.OPEN || image.state == PositionState.EXITING
                    || image.state == PositionState.NEEDS_REVIEW) {
                held.hold(position);
            }
            if (image.state == PositionState.NEEDS_REVIEW) {
                reviews.put(position.id, image);   // neither watched nor resumed: a person decides
            }
            views.seedExitPrices(position);
            if (image.state == PositionState.OPEN) {
                index.add(position);
                if (!position.anyLegWatched() || java.util.Arrays.stream(position.legs)
                        .anyMatch(LiveLeg::exitsOnItsOwn)) {
                    executor.resume(position);   // a leg exiting on its own goes on; the rest stay watched
                }
            } else if (image.state == PositionState.EXITING) {
                executor.resume(position);
            }
            counts.merge(image.state, 1, Integer::sum);
        }
        nextId = Math.max(nextId, journal.maxPositionId() + 1);
        if (!images.isEmpty() || journal.recovery() != null) {
            LOG.info("position journal {}: restored {}{}", journal.file(), counts,
                    journal.recovery() == null ? "" : "; " + journal.recovery());
        }
    }

    /** Each leg exiting (with its position, or on its own) as its record planned; the others as {@code config}. */
    private static long[] journalledSlicing(Image image, long[] config) {
        long[] slicing = config.clone();
        for (int i = 0; i < slicing.length; i++) {
            if (image.exiting != null || image.legs[i].exiting != null) {
                slicing[i] = image.sliceQuantity(i);
            }
        }
        return slicing;
    }

    /** Each slice from where the journal left it; every order a slice owns is claimed for it alone. */
    private void restoreLeg(LiveLeg leg, LegImage image, PositionState state) {
        leg.restore(image, state);
        for (LiveSlice slice : leg.slices) {
            if (slice.orderId != null) {
                executor.claim(leg.position.account, slice.orderId, slice.tag);
            }
        }
    }

    /** The ring stage to wire between the window and activity stages ({@code Pipeline}). */
    public RiskHandler handler() {
        return handler;
    }

    /**
     * Starts the exit executor's thread, the journal compactor's checks, the reading of the broker's holdings
     * after a lost history, and the execution checker (once a second). Idempotent.
     */
    public synchronized RiskDesk start() {
        if (!started) {
            started = true;
            ended.start();
        }
        handler.wakeOnTrigger(executor.start());
        unknownHoldings.start();
        execution.start();
        return this;
    }

    /**
     * Units in one lot of the option {@code symbol}, as its chain's contract data says today (the server's, else the
     * configured fallback): what a request's lots are multiplied by.
     *
     * @throws IllegalArgumentException when the symbol is not an option of a configured underlying
     */
    public int lotSize(String symbol) {
        return instruments.lotSize(instruments.contract(symbol));
    }

    /**
     * Starts watching a position.
     *
     * @throws IllegalArgumentException when the request is invalid (the message says which field and why)
     * @throws IllegalStateException    when {@code maxPositions} are live already
     * @throws UnacknowledgedHistoryLossException while the journal's lost history is unacknowledged, when the
     *                                            broker holds a leg's symbol beyond the journal's positions, or
     *                                            its holdings are not known yet
     * @throws JournalUnavailableException when it cannot be journalled; it is then not watched
     */
    public Position open(PositionRequest request) {
        List<Instrument> options = requests.validate(request);
        String account = request.account() == null ? context.orders().primary() : request.account();
        unknownHoldings.refuseNewPosition(options.stream().map(Instrument::symbol).toList());
        long now = context.clock().millis();
        LivePosition position;
        synchronized (this) {
            long live = positions.values().stream().filter(p -> p.state() == PositionState.OPEN
                    || p.state() == PositionState.EXITING).count();
            if (live >= context.settings().maxPositions()) {
                throw new IllegalStateException("already " + live + " live positions, the most max_positions allows");
            }
            String refused = limits.refusal(request.strategy(), account);
            if (refused != null) {
                throw new IllegalStateException(refused);
            }
            List<OpenedLeg> legs = new ArrayList<>();
            int[] ids = new int[options.size()];
            for (int i = 0; i < options.size(); i++) {
                Instrument option = options.get(i);
                LegRequest leg = request.legs().get(i);
                legs.add(new OpenedLeg(option.symbol(), option.exchange(), option.underlying(), option.expiry(),
                        option.strike(), option.optionType(), leg.side(), leg.quantity(), instruments.lotSize(option),
                        leg.entryPrice(), leg.rules()));
                ids[i] = option.id();
            }
            String product = request.product().toUpperCase(Locale.ROOT);
            ExitRules rules = request.rules();
            if (rules.squareOffAt() == null && context.misSquareOff() != null && product.equals("MIS")) {
                rules = rules.withSquareOffAt(context.misSquareOff());
            }
            Opened opened = new Opened(nextId, now, request.strategy(), product, rules, legs, account);
            journal.append(opened);
            nextId++;
            position = new LivePosition(opened, ids, PositionState.OPEN, epoch, instruments.slicing(opened),
                    context.orders().primary());
            views.seedExitPrices(position);
            positions.put(position.id, position);
            refreshLimits();   // its scopes before the ring sees it, so its first tick judges them
            held.hold(position);
            index.add(position);
        }
        audits.offer(new AuditEvent(AuditKind.OPENED, now, position.id, position.strategy, null,
                position.legs[0].symbol, null, position.entryMark, null, null, null, null, null, null, null, null,
                null, null, null, null, position.account));
        return views.view(position);
    }

    /**
     * Closes a position now, as if a rule had been reached: the same single path to one exit order per leg (per
     * slice). Returns only once the exit is journalled (synced), so an acknowledged exit survives a crash.
     *
     * @throws NoSuchElementException      when no position has the id
     * @throws IllegalStateException       when it is no longer open, or the journal's lost history is unacknowledged
     *                                     and the broker holds a leg's symbol beyond the journal's positions
     * @throws JournalUnavailableException when the exit cannot be journalled: nothing is acknowledged, and the
     *                                     position stays open and watched
     */
    public Position exit(long id) {
        LivePosition position = live(id);
        unknownHoldings.refuseManualExit(position);
        long now = context.clock().millis();
        Double mark = views.mark(position);
        if (!position.claimForManualExit(mark == null ? Double.NaN : mark, now)) {
            throw new IllegalStateException("position " + id + " is " + position.state() + ", not open");
        }
        journalExits(List.of(position), why -> "position " + id + " was not exited: its exit cannot be journalled ("
                + why + "); it is still open and watched");
        return views.view(position);
    }

    /**
     * The kill switch: exits every open position of {@code strategy}, or every open position the engine watches
     * when it is null, as {@link #exit} exits one: one exit order per leg (per slice), exactly once, with reason
     * {@code EXIT_ALL}. A position that is already exiting or has ended (an earlier call, a concurrent one, a stop)
     * is left alone and listed as skipped, so asking again, or twice at once, sends nothing twice. Every exit this
     * call claims goes to the journal in one synced write before any of them is acted on or acknowledged; a crash
     * before the answer leaves either all of them or a prefix journalled (the rest open and watched), and asking
     * again after the restart exits the rest.
     *
     * @throws JournalUnavailableException when the exits cannot be journalled: none is acknowledged, and every
     *                                     position stays open and watched
     */
    public ExitAllOutcome exitAll(String strategy) {
        synchronized (exitAllLock) {
            long now = context.clock().millis();
            List<LivePosition> claimed = new ArrayList<>();
            List<ExitAllOutcome.Skipped> skipped = new ArrayList<>();
            for (LivePosition position : positions.values()) {
                if (strategy != null && !strategy.equals(position.strategy)) {
                    continue;
                }
                if (position.state() != PositionState.OPEN) {
                    skipped.add(new ExitAllOutcome.Skipped(position.id, position.state(), "not open"));
                    continue;
                }
                try {
                    unknownHoldings.refuseManualExit(position);
                } catch (IllegalStateException refused) {
                    skipped.add(new ExitAllOutcome.Skipped(position.id, position.state(), refused.getMessage()));
                    continue;
                }
                Double mark = views.mark(position);
                if (position.claimForManualExit(ExitReason.EXIT_ALL, mark == null ? Double.NaN : mark, now)) {
                    claimed.add(position);
                } else {
                    skipped.add(new ExitAllOutcome.Skipped(position.id, position.state(), "not open"));
                }
            }
            if (!claimed.isEmpty()) {
                journalExits(claimed, why -> "no position was exited: the exits of " + claimed.size()
                        + " cannot be journalled (" + why + "); every one is still open and watched");
            }
            List<Position> exited = new ArrayList<>(claimed.size());
            for (LivePosition position : claimed) {
                exited.add(views.view(position));
            }
            return new ExitAllOutcome(strategy, exited, skipped);
        }
    }

    /**
     * A person's exits, claimed: their EXITING records in one synced write, then handed to the executor, which sends
     * them without journalling again. When the write fails none is acknowledged, each goes back to being watched,
     * and {@code refusal} says so from the cause.
     */
    private void journalExits(List<LivePosition> claimed, UnaryOperator<String> refusal) {
        List<JournalRecord> records = new ArrayList<>(claimed.size());
        for (LivePosition position : claimed) {
            records.add(position.exitingRecord());
        }
        try {
            journal.appendAll(records);
        } catch (RuntimeException e) {
            claimed.forEach(LivePosition::reopen);
            throw new JournalUnavailableException(refusal.apply(e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()), e);
        }
        for (LivePosition position : claimed) {
            position.publishJournalledExit();
            exits.offer(position);   // a full hand-off is picked up by the executor's sweep
        }
    }

    /** Why the journal could not be written the last time the exit executor tried; null when it can. */
    public String journalProblem() {
        return executor.journalProblem();
    }

    /**
     * Stops watching an open position without sending any order (it was closed elsewhere, or opened by mistake).
     *
     * @throws NoSuchElementException when no position has the id
     * @throws IllegalStateException  when it is no longer open
     */
    public Position cancel(long id) {
        LivePosition position = live(id);
        for (LiveLeg leg : position.legs) {
            if (leg.exitsOnItsOwn()) {
                throw new IllegalStateException("position " + id + "'s leg " + leg.index + " (" + leg.symbol
                        + ") is exiting on its own rule; exit the position instead of cancelling it");
            }
        }
        views.freeze(position);   // before it reads as cancelled: its marks are read only once it does
        if (!position.cancel()) {
            throw new IllegalStateException("position " + id + " is " + position.state() + ", not open");
        }
        long now = context.clock().millis();
        position.endedMillis = now;
        try {
            journal.append(new Cancelled(id, now));
        } catch (RuntimeException e) {
            // it stays cancelled in this process; a restart would watch it again, the safe side
            LOG.error("cannot journal the cancel of position {}", id, e);
        }
        finished(position);
        audits.offer(new AuditEvent(AuditKind.CANCELLED, now, id, position.strategy, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, position.account));
        return views.view(position);
    }

    /**
     * Resolves a position the journal's repair put in NEEDS_REVIEW, once a person has checked it at the broker:
     * {@code watch} returns it to OPEN, watched from its last journalled watermark with no exit order of its own
     * (the orders it may have had stay in {@link Journal#knownOrderIds}); otherwise it is cancelled and no order is
     * sent. Journalled before it takes effect.
     *
     * @throws NoSuchElementException when no position has the id
     * @throws IllegalStateException  when it is not in NEEDS_REVIEW, or {@code watch} is asked of one whose legs
     *                                were lost with its OPENED record (it can only be cancelled)
     * @throws JournalUnavailableException when it cannot be journalled; it then stays in review
     */
    public synchronized Position resolveReview(long id, boolean watch) {
        LivePosition position = live(id);
        Image image = reviews.get(id);
        if (image == null || position.state() != PositionState.NEEDS_REVIEW) {
            throw new IllegalStateException("position " + id + " is " + position.state() + ", not NEEDS_REVIEW");
        }
        if (watch && image.legsUnknown()) {
            throw new IllegalStateException("position " + id + "'s legs were lost with its OPENED record; it can only"
                    + " be cancelled");
        }
        long now = context.clock().millis();
        journal.append(new Reviewed(id, now, watch));
        reviews.remove(id);
        int[] ids = new int[position.legs.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = position.legs[i].instrumentId;
        }
        LivePosition resolved = new LivePosition(image.opened, ids, watch ? PositionState.OPEN
                : PositionState.CANCELLED, epoch, instruments.slicing(image.opened), context.orders().primary());
        if (watch) {
            resolved.lookUpFirst = true;
            if (!Double.isNaN(image.watermark)) {
                resolved.watermark = image.watermark;
                resolved.journalledWatermark = image.watermark;
            }
            views.seedExitPrices(resolved);
            positions.put(id, resolved);
            refreshLimits();
            index.add(resolved);
        } else {
            views.freeze(resolved);
            resolved.finish(PositionState.CANCELLED, now);
            positions.put(id, resolved);
            held.release(resolved);
        }
        LOG.warn("position {} reviewed: {}", id, watch ? "watched again" : "cancelled, no order sent");
        return views.view(resolved);
    }

    /** What opening the journal found and repaired; damaged() is false for a whole journal. */
    public JournalHealth journalHealth() {
        return journal.health();
    }

    /** The history the journal began without and what the broker holds beyond it; null when it lost none. */
    public HistoryLossReport historyLoss() {
        return unknownHoldings.report();
    }

    /**
     * A person checked the broker's positions after the journal lost its history: journalled, then positions on
     * every symbol may be registered again, and a restart does not ask again.
     *
     * @return false when there is nothing to acknowledge (no loss, or acknowledged already): nothing is written
     * @throws JournalUnavailableException when it cannot be journalled; nothing changes
     */
    public synchronized boolean acknowledgeHistoryLoss() {
        if (!unknownHoldings.holding()) {
            return false;
        }
        long now = context.clock().millis();
        try {
            journal.append(new HistoryLossAcknowledged(now));
        } catch (RuntimeException e) {
            throw new JournalUnavailableException("the lost history was not acknowledged: it cannot be journalled ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
        unknownHoldings.acknowledged(now);
        return true;
    }

    /**
     * Every position this desk knows, live and recently ended ({@code retain_ended}), by id, each with its net
     * Greeks as of now when the context has chains ({@link RiskContext#withChains}).
     */
    public List<Position> positions() {
        ended.forget();
        return views.all(positions.values());
    }

    public Optional<Position> position(long id) {
        ended.forget();
        LivePosition position = positions.get(id);
        return position == null ? Optional.empty() : Optional.of(views.view(position));
    }

    /**
     * P&amp;L per strategy, in order of each strategy's first position: over the positions listed, and those that
     * ended today (IST) and have left memory, whose count and realised P&amp;L stay, across restarts too; and the
     * net Greeks of each strategy's positions ({@link StrategyPnl#totalGreeks} sums them for the book).
     */
    public List<StrategyPnl> pnlByStrategy() {
        return pnlByStrategy(positions());
    }

    /**
     * The same over views already read ({@link #positions()}): a reader that lists the positions too prices the
     * book once, not twice (every held leg's IV and Greeks).
     */
    public List<StrategyPnl> pnlByStrategy(List<Position> views) {
        return PositionViews.byStrategy(views, ended.forgotten().today().strategies());
    }

    /**
     * Replaces the whole set of MTM limits ({@code PUT /api/risk/limits}): written to disk (synced) first, then judged
     * on the ring from the next tick. A scope that was limited before keeps today's floor and firing.
     *
     * @return each scope as it stands now
     * @throws IllegalArgumentException    when a limit names an account that is not configured
     * @throws JournalUnavailableException when the limits cannot be written: the old ones stay in force
     */
    public List<LimitState> setLimits(RiskLimits next) {
        for (String account : next.accounts().keySet()) {
            if (!context.orders().has(account)) {
                throw new IllegalArgumentException("accounts." + account + ": no such account; the accounts are "
                        + context.orders().names());
            }
        }
        synchronized (this) {
            limits.replace(next, positions.values(), ended.forgotten().today().strategies());
        }
        return limits.states();
    }

    /** The MTM limits in force. */
    public RiskLimits limits() {
        return limits.limits();
    }

    /** Each limited scope now: its MTM, the floor it locked today and whether a limit fired today. */
    public List<LimitState> limitStates() {
        return limits.states();
    }

    /** Why the limits' state could not be written to disk last time; null when it could. */
    public String limitsProblem() {
        return limits.problem();
    }

    /** Each scope's members again, with every position's scopes: a position joined or left the desk. */
    private void refreshLimits() {
        synchronized (this) {
            limits.refresh(positions.values(), ended.forgotten().today().strategies());
        }
    }

    /** Where the journal is and what opening it had to repair. */
    public Journal journal() {
        return journal;
    }

    /** The MTM limits' scopes as the ring judges them: tests hold their running sums against full ones. */
    List<MtmScope> limitScopes() {
        return limits.scopes();
    }

    /** Drives the executor by hand: tests run the desk without its thread, replayable from a seed. */
    ExitExecutor executor() {
        return executor;
    }

    /**
     * Stops the executor (waiting for a broker call in flight), the compactor and the holdings reader, then closes
     * the journal.
     */
    @Override
    public void close() {
        execution.close();
        unknownHoldings.close();
        executor.stop();
        ended.close();
        journal.close();
    }

    /** Reads the broker's holdings by hand: tests run the desk without its threads. */
    UnknownHoldings unknownHoldings() {
        return unknownHoldings;
    }

    private LivePosition live(long id) {
        LivePosition position = positions.get(id);
        if (position == null) {
            throw new NoSuchElementException("no position " + id);
        }
        return position;
    }

    /** Executor or API thread: the position ended; its legs leave the ring and their symbols may be released. */
    private void finished(LivePosition position) {
        index.remove(position);
        held.release(position);
    }
}
