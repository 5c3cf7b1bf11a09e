package io.optionchain.engine.journal;

import io.optionchain.engine.journal.JournalRecord.Cancelled;
import io.optionchain.engine.journal.JournalRecord.Closed;
import io.optionchain.engine.journal.JournalRecord.ExitFailed;
import io.optionchain.engine.journal.JournalRecord.Exiting;
import io.optionchain.engine.journal.JournalRecord.Filled;
import io.optionchain.engine.journal.JournalRecord.HistoryLossAcknowledged;
import io.optionchain.engine.journal.JournalRecord.HistoryLost;
import io.optionchain.engine.journal.JournalRecord.IdsReserved;
import io.optionchain.engine.journal.JournalRecord.LegExiting;
import io.optionchain.engine.journal.JournalRecord.NeedsReview;
import io.optionchain.engine.journal.JournalRecord.Opened;
import io.optionchain.engine.journal.JournalRecord.OrderSent;
import io.optionchain.engine.journal.JournalRecord.Repriced;
import io.optionchain.engine.journal.JournalRecord.OrderOwner;
import io.optionchain.engine.journal.JournalRecord.Reviewed;
import io.optionchain.engine.journal.JournalRecord.Snapshot;
import io.optionchain.engine.journal.JournalRecord.StrategyTally;
import io.optionchain.engine.journal.JournalRecord.TrailMark;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.PositionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Folds journal records, oldest first, into each position's last known state. A record that does not fit
 * the position's state (one for a position never opened, a second trigger) is logged and skipped: replay
 * never fails, and never invents an order.
 *
 * <p>A trailing mark only ever improves the watermark (a long's highest, a short's lowest), so a stale mark
 * replayed twice (a duplicated range) cannot loosen a stop. A NEEDS_REVIEW record parks an OPEN or EXITING
 * position, or brings in one whose OPENED was lost, known by its id alone (no legs); REVIEWED releases it.
 *
 * <p>An exiting leg is folded slice by slice, in as many slices as its EXITING record planned (one, the leg
 * whole, for a record written before exits were sliced); a slice record with no such slice is skipped.
 *
 * <p>A leg whose own rule fired (LEG_EXITING) exits alone while its position stays OPEN: its slices are folded as
 * an exiting position's are, and a later EXITING of the position plans only the legs no LEG_EXITING took (one that
 * comes after the EXITING names a leg the position's exit had planned, and keeps that plan: one exit either way). A
 * LEG_EXITING that moved the others' stops to cost marks every leg still watched then. A position whose legs have
 * all exited on their own ends CLOSED (or EXIT_FAILED) without an EXITING.
 *
 * A SNAPSHOT (a compacted journal's first records) names no position: {@link #snapshot} reads it.
 */
public final class JournalReplay {
    private static final Logger LOG = LoggerFactory.getLogger(JournalReplay.class);

    private JournalReplay() {
    }

    /** What the journal says of one position. */
    public static final class Image {
        /** For a position known only by id (its OPENED was lost), one with no legs and no rules. */
        public final Opened opened;
        public PositionState state = PositionState.OPEN;
        public double watermark = Double.NaN;
        public Exiting exiting;
        public long endedMillis;
        public final LegImage[] legs;

        Image(Opened opened) {
            this.opened = opened;
            this.legs = new LegImage[opened.legs().size()];
            resetLegs();
        }

        /** Its OPENED was lost: the journal knows its id and nothing else. */
        public boolean legsUnknown() {
            return legs.length == 0;
        }

        private void resetLegs() {
            for (int i = 0; i < legs.length; i++) {
                legs[i] = new LegImage(1);
            }
        }

        private boolean longSide() {
            return legs.length == 0 || opened.legs().get(0).side() == PositionSide.LONG;
        }

        /**
         * The largest order leg {@code leg}'s exit is sent in, as its EXITING record planned it; the leg's whole
         * quantity when the record planned none (written before exits were sliced) or names a leg count or size
         * that does not fit the position.
         */
        public long sliceQuantity(int leg) {
            long quantity = opened.legs().get(leg).quantity();
            LegExiting own = legs[leg].exiting;
            if (own != null) {
                return own.sliceQuantity() > 0 && own.sliceQuantity() < quantity ? own.sliceQuantity() : quantity;
            }
            List<Long> plan = exiting == null ? List.of() : exiting.sliceQuantities();
            if (plan.size() != legs.length) {
                return quantity;
            }
            long slice = plan.get(leg);
            return slice > 0 && slice < quantity ? slice : quantity;
        }

        /**
         * The EXITING record's plan: each leg's exit in as many slices as it says, none worked yet; a leg already
         * exiting on its own keeps its own.
         */
        private void planSlices() {
            for (int i = 0; i < legs.length; i++) {
                if (legs[i].exiting == null) {
                    legs[i] = new LegImage(sliceCount(i));
                }
            }
        }

        private int sliceCount(int leg) {
            long quantity = opened.legs().get(leg).quantity();
            long slice = sliceQuantity(leg);
            return (int) ((quantity + slice - 1) / slice);
        }

        /** Every leg exited on its own: nothing of the position is watched any more. */
        public boolean allLegsOwnExits() {
            if (legs.length == 0) {
                return false;
            }
            for (LegImage leg : legs) {
                if (leg.exiting == null) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One leg: its exit's slices, one when it is sent whole. */
    public static final class LegImage {
        public final SliceImage[] slices;
        /** Its own rule fired and it exits alone: the record that says so; null otherwise. */
        public LegExiting exiting;
        /** Its stop was moved to its entry price when another leg's rule fired. */
        public boolean atCost;

        LegImage(int slices) {
            this.slices = new SliceImage[Math.max(1, slices)];
            for (int i = 0; i < this.slices.length; i++) {
                this.slices[i] = new SliceImage();
            }
        }
    }

    /** How far one slice of a leg's exit got: its order, re-prices, fill or failure. */
    public static final class SliceImage {
        public String orderId;
        public double orderPrice = Double.NaN;
        public int reprices;
        public double fillPrice = Double.NaN;
        public String failure;
    }

    public static Map<Long, Image> fold(List<JournalRecord> records) {
        return fold(records, true);
    }

    /**
     * What the journal's snapshot records say, joined into one: the highest next id, the strategies summed (a split
     * snapshot names each strategy in one part) and every order; null when the journal was never compacted.
     */
    public static Snapshot snapshot(List<JournalRecord> records) {
        Snapshot first = null;
        long next = 0;
        Map<String, StrategyTally> strategies = new LinkedHashMap<>();
        List<OrderOwner> orders = new ArrayList<>();
        for (JournalRecord record : records) {
            if (!(record instanceof Snapshot part)) {
                continue;
            }
            first = first == null ? part : first;
            next = Math.max(next, part.nextPositionId());
            for (StrategyTally tally : part.strategies()) {
                strategies.merge(tally.key(), tally, StrategyTally::plus);
            }
            orders.addAll(part.orders());
        }
        return first == null ? null : new Snapshot(next, first.tradingDate(), List.copyOf(strategies.values()), orders);
    }

    /**
     * The positions a repair puts in NEEDS_REVIEW after records were lost: every one that replays OPEN or
     * EXITING, unless its first record is its OPENED and comes after the last lost range (none of its records
     * can have been in one);
     * and every id that records name but no OPENED does (its OPENED was lost), unless a CLOSED, CANCELLED or
     * cancelling REVIEWED record ended it.
     *
     * @param firstAfterLoss index of the first record read after the last lost range
     */
    static List<Long> reviewCandidates(List<JournalRecord> records, int firstAfterLoss) {
        Map<Long, Image> images = fold(records, false);
        Set<Long> seen = new HashSet<>();
        Set<Long> openedAfter = new HashSet<>();
        Set<Long> ended = new HashSet<>();
        Set<Long> review = new TreeSet<>();
        for (int i = 0; i < records.size(); i++) {
            JournalRecord record = records.get(i);
            // only a position whose very first record is an OPENED after the loss is spared (a copy of an OPENED
            // in a duplicated range spares nothing)
            if (seen.add(record.positionId()) && record instanceof Opened && i >= firstAfterLoss) {
                openedAfter.add(record.positionId());
            }
            if (record instanceof Closed || record instanceof Cancelled
                    || record instanceof Reviewed r && !r.watch()) {
                ended.add(record.positionId());
            } else if (!aboutTheJournal(record) && !images.containsKey(record.positionId())) {
                review.add(record.positionId());
            }
        }
        review.removeAll(ended);
        images.forEach((id, image) -> {
            if ((image.state == PositionState.OPEN || image.state == PositionState.EXITING)
                    && !openedAfter.contains(id)) {
                review.add(id);
            }
        });
        return new ArrayList<>(review);
    }

    /** The positions that replay EXITING. */
    static List<Long> exiting(List<JournalRecord> records) {
        List<Long> ids = new ArrayList<>();
        fold(records, false).forEach((id, image) -> {
            if (image.state == PositionState.EXITING) {
                ids.add(id);
            }
        });
        return ids;
    }

    private static Map<Long, Image> fold(List<JournalRecord> records, boolean log) {
        Map<Long, Image> images = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (JournalRecord record : records) {
            if (record instanceof Opened opened) {
                if (images.putIfAbsent(opened.positionId(), new Image(opened)) != null) {
                    skipped.add("a second OPENED of position " + opened.positionId());
                }
                continue;
            }
            if (aboutTheJournal(record)) {
                continue;
            }
            if (record instanceof NeedsReview && !images.containsKey(record.positionId())) {
                Image unknown = new Image(new Opened(record.positionId(), 0, "", "", ExitRules.none(), List.of()));
                unknown.state = PositionState.NEEDS_REVIEW;
                images.put(record.positionId(), unknown);
                continue;
            }
            Image image = images.get(record.positionId());
            String problem = image == null ? "position never opened" : apply(image, record);
            if (problem != null) {
                skipped.add(record.getClass().getSimpleName() + " of position " + record.positionId() + ": " + problem);
            }
        }
        for (Image image : images.values()) {
            if (image.state == PositionState.EXITING && settledWithFailure(image)) {
                image.state = PositionState.EXIT_FAILED;
            } else if (image.state == PositionState.OPEN && image.allLegsOwnExits() && settled(image)) {
                // every leg out on its own, the crash came before the CLOSED record: as the executor would end it
                image.state = settledWithFailure(image) ? PositionState.EXIT_FAILED : PositionState.CLOSED;
            }
        }
        if (log && !skipped.isEmpty()) {
            LOG.warn("position journal: skipped {} records that do not fit: {}", skipped.size(), skipped);
        }
        return images;
    }

    /**
     * A record about the journal itself (ids it reserved, a compaction's snapshot, the history it lost), belonging to
     * no position.
     */
    private static boolean aboutTheJournal(JournalRecord record) {
        return record instanceof IdsReserved || record instanceof Snapshot || record instanceof HistoryLost
                || record instanceof HistoryLossAcknowledged;
    }

    /** Every slice of every leg filled or failed, and some failed: nothing is left to work. */
    private static boolean settledWithFailure(Image image) {
        boolean failed = false;
        for (LegImage leg : image.legs) {
            for (SliceImage slice : leg.slices) {
                if (slice.failure != null) {
                    failed = true;
                } else if (Double.isNaN(slice.fillPrice)) {
                    return false;
                }
            }
        }
        return failed;
    }

    /** Every slice of every leg filled or failed. */
    private static boolean settled(Image image) {
        for (LegImage leg : image.legs) {
            for (SliceImage slice : leg.slices) {
                if (slice.failure == null && Double.isNaN(slice.fillPrice)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A leg's own exit: its slices planned while the position stays open; the others' stops to cost if it says. */
    private static String applyLegExiting(Image image, LegExiting record) {
        if (image.state != PositionState.OPEN && image.state != PositionState.EXITING) {
            return "already " + image.state;
        }
        int index = record.leg();
        if (index < 0 || index >= image.legs.length) {
            return "no leg " + index;
        }
        if (image.legs[index].exiting != null) {
            return "leg " + index + " is already exiting";
        }
        if (image.state == PositionState.EXITING) {
            // the position's exit was journalled first and planned this leg: the same one exit, named for the leg
            image.legs[index].exiting = record;
            return null;
        }
        image.legs[index].exiting = record;   // its slice plan is the record's
        LegImage leg = new LegImage(image.sliceCount(index));
        leg.exiting = record;
        leg.atCost = image.legs[index].atCost;
        image.legs[index] = leg;
        if (record.othersToCost()) {
            for (LegImage other : image.legs) {
                other.atCost |= other.exiting == null;
            }
        }
        return null;
    }

    /** @return why the record does not fit, or null once applied */
    private static String apply(Image image, JournalRecord record) {
        if (record instanceof TrailMark mark) {
            if (image.state != PositionState.OPEN) {
                return "not open";
            }
            double best = image.watermark;
            image.watermark = Double.isNaN(best) ? mark.watermark()
                    : image.longSide() ? Math.max(best, mark.watermark()) : Math.min(best, mark.watermark());
        } else if (record instanceof NeedsReview) {
            if (image.state != PositionState.OPEN && image.state != PositionState.EXITING) {
                return "already " + image.state;
            }
            image.state = PositionState.NEEDS_REVIEW;
        } else if (record instanceof Reviewed reviewed) {
            if (image.state != PositionState.NEEDS_REVIEW) {
                return "not in review";
            }
            if (reviewed.watch() && image.legsUnknown()) {
                return "its legs are unknown; it can only be cancelled";
            }
            if (reviewed.watch()) {
                // watched again from scratch; the orders it may have had stay in Journal.knownOrderIds
                image.state = PositionState.OPEN;
                image.exiting = null;
                image.resetLegs();
            } else {
                image.state = PositionState.CANCELLED;
                image.endedMillis = reviewed.reviewedMillis();
            }
        } else if (record instanceof LegExiting legExiting) {
            return applyLegExiting(image, legExiting);
        } else if (record instanceof Exiting exiting) {
            if (image.state != PositionState.OPEN) {
                return "already " + image.state;
            }
            image.state = PositionState.EXITING;
            image.exiting = exiting;
            image.planSlices();
        } else if (record instanceof Cancelled cancelled) {
            if (image.state != PositionState.OPEN) {
                return "already " + image.state;
            }
            image.state = PositionState.CANCELLED;
            image.endedMillis = cancelled.cancelledMillis();
        } else if (record instanceof Closed closed) {
            if (image.state != PositionState.EXITING
                    && !(image.state == PositionState.OPEN && image.allLegsOwnExits())) {
                return "not exiting";
            }
            image.state = PositionState.CLOSED;
            image.endedMillis = closed.closedMillis();
        } else {
            return applyToLeg(image, record);
        }
        return null;
    }

    private static String applyToLeg(Image image, JournalRecord record) {
        int index = record instanceof OrderSent r ? r.leg() : record instanceof Repriced r ? r.leg()
                : record instanceof Filled r ? r.leg() : record instanceof ExitFailed r ? r.leg() : -1;
        boolean ownExit = image.state == PositionState.OPEN && index >= 0 && index < image.legs.length
                && image.legs[index].exiting != null;
        if (image.state != PositionState.EXITING && !ownExit) {
            return "not exiting";
        }
        if (index < 0 || index >= image.legs.length) {
            return "no leg " + index;
        }
        int at = record instanceof OrderSent r ? r.slice() : record instanceof Repriced r ? r.slice()
                : record instanceof Filled r ? r.slice() : ((ExitFailed) record).slice();
        SliceImage[] slices = image.legs[index].slices;
        if (at < 0 || at >= slices.length) {
            return "leg " + index + " has no slice " + at + " of " + slices.length;
        }
        SliceImage slice = slices[at];
        String name = slices.length == 1 ? "leg " + index : "leg " + index + " slice " + at;
        if (record instanceof OrderSent sent) {
            if (slice.orderId != null) {
                return name + " already has order " + slice.orderId;
            }
            slice.orderId = sent.orderId();
            slice.orderPrice = sent.price();
        } else if (record instanceof Repriced repriced) {
            slice.reprices = Math.max(slice.reprices, repriced.count());
            slice.orderPrice = repriced.price();
        } else if (record instanceof Filled filled) {
            slice.fillPrice = filled.price();
        } else if (record instanceof ExitFailed failed) {
            slice.failure = failed.message();
        }
        return null;
    }
}
