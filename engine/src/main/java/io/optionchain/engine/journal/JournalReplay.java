package io.optionchain.engine.journal;

import io.optionchain.engine.journal.JournalRecord.Cancelled;
import io.optionchain.engine.journal.JournalRecord.Closed;
import io.optionchain.engine.journal.JournalRecord.ExitFailed;
import io.optionchain.engine.journal.JournalRecord.Exiting;
import io.optionchain.engine.journal.JournalRecord.Filled;
import io.optionchain.engine.journal.JournalRecord.Opened;
import io.optionchain.engine.journal.JournalRecord.OrderSent;
import io.optionchain.engine.journal.JournalRecord.Repriced;
import io.optionchain.engine.journal.JournalRecord.TrailMark;
import io.optionchain.engine.positions.PositionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds journal records, oldest first, into each position's last known state. A record that does not fit
 * the position's state (one for a position never opened, a second trigger) is logged and skipped: replay
 * never fails, and never invents an order.
 */
public final class JournalReplay {
    private static final Logger LOG = LoggerFactory.getLogger(JournalReplay.class);

    private JournalReplay() {
    }

    /** What the journal says of one position. */
    public static final class Image {
        public final Opened opened;
        public PositionState state = PositionState.OPEN;
        public double watermark = Double.NaN;
        public Exiting exiting;
        public long endedMillis;
        public final LegImage[] legs;

        Image(Opened opened) {
            this.opened = opened;
            this.legs = new LegImage[opened.legs().size()];
            for (int i = 0; i < legs.length; i++) {
                legs[i] = new LegImage();
            }
        }
    }

    public static final class LegImage {
        public String orderId;
        public double orderPrice = Double.NaN;
        public int reprices;
        public double fillPrice = Double.NaN;
        public String failure;
    }

    public static Map<Long, Image> fold(List<JournalRecord> records) {
        Map<Long, Image> images = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (JournalRecord record : records) {
            if (record instanceof Opened opened) {
                if (images.putIfAbsent(opened.positionId(), new Image(opened)) != null) {
                    skipped.add("a second OPENED of position " + opened.positionId());
                }
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
            }
        }
        if (!skipped.isEmpty()) {
            LOG.warn("position journal: skipped {} records that do not fit: {}", skipped.size(), skipped);
        }
        return images;
    }

    /** Every leg filled or failed, and some failed: nothing is left to work. */
    private static boolean settledWithFailure(Image image) {
        boolean failed = false;
        for (LegImage leg : image.legs) {
            if (leg.failure != null) {
                failed = true;
            } else if (Double.isNaN(leg.fillPrice)) {
                return false;
            }
        }
        return failed;
    }

    /** @return why the record does not fit, or null once applied */
    private static String apply(Image image, JournalRecord record) {
        if (record instanceof TrailMark mark) {
            if (image.state != PositionState.OPEN) {
                return "not open";
            }
            image.watermark = mark.watermark();
        } else if (record instanceof Exiting exiting) {
            if (image.state != PositionState.OPEN) {
                return "already " + image.state;
            }
            image.state = PositionState.EXITING;
            image.exiting = exiting;
        } else if (record instanceof Cancelled cancelled) {
            if (image.state != PositionState.OPEN) {
                return "already " + image.state;
            }
            image.state = PositionState.CANCELLED;
            image.endedMillis = cancelled.cancelledMillis();
        } else if (record instanceof Closed closed) {
            if (image.state != PositionState.EXITING) {
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
        if (image.state != PositionState.EXITING) {
            return "not exiting";
        }
        int index = record instanceof OrderSent r ? r.leg() : record instanceof Repriced r ? r.leg()
                : record instanceof Filled r ? r.leg() : record instanceof ExitFailed r ? r.leg() : -1;
        if (index < 0 || index >= image.legs.length) {
            return "no leg " + index;
        }
        LegImage leg = image.legs[index];
        if (record instanceof OrderSent sent) {
            if (leg.orderId != null) {
                return "leg " + index + " already has order " + leg.orderId;
            }
            leg.orderId = sent.orderId();
            leg.orderPrice = sent.price();
        } else if (record instanceof Repriced repriced) {
            leg.reprices = Math.max(leg.reprices, repriced.count());
            leg.orderPrice = repriced.price();
        } else if (record instanceof Filled filled) {
            leg.fillPrice = filled.price();
        } else if (record instanceof ExitFailed failed) {
            leg.failure = failed.message();
        }
        return null;
    }
}
