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
import io.optionchain.engine.journal.JournalRecord.OpenedLeg;
import io.optionchain.engine.journal.JournalRecord.OrderSent;
import io.optionchain.engine.journal.JournalRecord.Repriced;
import io.optionchain.engine.journal.JournalRecord.OrderOwner;
import io.optionchain.engine.journal.JournalRecord.Reviewed;
import io.optionchain.engine.journal.JournalRecord.Snapshot;
import io.optionchain.engine.journal.JournalRecord.StrategyTally;
import io.optionchain.engine.journal.JournalRecord.TrailMark;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LegRules;
import io.optionchain.engine.positions.OnLegStop;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.TrailingStop;
import io.optionchain.engine.positions.TriggerOn;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import static io.optionchain.engine.journal.JournalDescriptor.CANCELLED;
import static io.optionchain.engine.journal.JournalDescriptor.CLOSED;
import static io.optionchain.engine.journal.JournalDescriptor.EXITING;
import static io.optionchain.engine.journal.JournalDescriptor.EXIT_FAILED;
import static io.optionchain.engine.journal.JournalDescriptor.FILLED;
import static io.optionchain.engine.journal.JournalDescriptor.HISTORY_LOSS_ACKNOWLEDGED;
import static io.optionchain.engine.journal.JournalDescriptor.HISTORY_LOST;
import static io.optionchain.engine.journal.JournalDescriptor.IDS_RESERVED;
import static io.optionchain.engine.journal.JournalDescriptor.LEG_EXITING;
import static io.optionchain.engine.journal.JournalDescriptor.NEEDS_REVIEW;
import static io.optionchain.engine.journal.JournalDescriptor.OPENED;
import static io.optionchain.engine.journal.JournalDescriptor.ORDER_SENT;
import static io.optionchain.engine.journal.JournalDescriptor.REPRICED;
import static io.optionchain.engine.journal.JournalDescriptor.REVIEWED;
import static io.optionchain.engine.journal.JournalDescriptor.SNAPSHOT;
import static io.optionchain.engine.journal.JournalDescriptor.TRAIL_MARK;

/** Record payloads to bytes and back, as {@link JournalDescriptor} lays them out. */
final class JournalCodec {
    private static final int MAX_STRING_BYTES = 0xFFFF;

    private JournalCodec() {
    }

    /** Writes type and payload at the buffer's position. */
    static void encode(JournalRecord record, ByteBuffer out) {
        if (record instanceof Opened r) {
            out.put(OPENED).putLong(r.positionId()).putLong(r.openedMillis());
            string(out, r.strategy());
            string(out, r.product());
            rules(out, r.rules());
            out.put((byte) r.legs().size());
            for (OpenedLeg leg : r.legs()) {
                string(out, leg.symbol());
                string(out, leg.exchange());
                string(out, leg.underlying());
                out.putInt(leg.expiry() == null ? -1 : (int) leg.expiry().toEpochDay());
                out.putDouble(leg.strike());
                string(out, leg.optionType() == null ? "" : leg.optionType().name());
                out.put((byte) leg.side().ordinal()).putLong(leg.quantity()).putInt(leg.lotSize())
                        .putDouble(leg.entryPrice());
            }
            ExitRules rules = r.rules();
            boolean legRules = rules.onLegStop() != OnLegStop.EXIT_LEG
                    || r.legs().stream().anyMatch(leg -> leg.rules().any());
            boolean triggerRules = rules.hasTriggerRules() || legRules;
            if (r.account() != null || rules.squareOffAt() != null || triggerRules) {
                // absent, the record reads as it did before accounts: the primary's; empty when only a later field
                // follows it
                string(out, r.account() == null ? "" : r.account());
            }
            if (rules.squareOffAt() != null || triggerRules) {
                // absent, as before square-offs: none; -1 none when only a later field follows it
                out.putInt(rules.squareOffAt() == null ? -1 : rules.squareOffAt().toSecondOfDay());
            }
            if (triggerRules) {
                // absent, as before trigger rules: the touch, fired on the first evaluation
                out.put((byte) rules.triggerOn().ordinal()).putInt(rules.confirmTicks()).putLong(rules.confirmMillis());
            }
            if (legRules) {
                // absent, as before legs had rules of their own: none, and exit_leg
                out.put((byte) rules.onLegStop().ordinal());
                for (OpenedLeg leg : r.legs()) {
                    optional(out, leg.rules().stop());
                    optional(out, leg.rules().stopPercent());
                    optional(out, leg.rules().target());
                }
            }
        } else if (record instanceof TrailMark r) {
            out.put(TRAIL_MARK).putLong(r.positionId()).putDouble(r.watermark());
        } else if (record instanceof Exiting r) {
            out.put(EXITING).putLong(r.positionId()).putLong(r.triggeredMillis()).put((byte) r.reason().ordinal())
                    .putDouble(r.mark()).putDouble(r.level());
            string(out, r.tickSymbol());
            out.putLong(r.tickExchangeMillis()).putLong(r.tickServerMillis()).putDouble(r.bid())
                    .putDouble(r.ask()).putDouble(r.ltp()).putLong(r.latencyNanos());
            if (!r.sliceQuantities().isEmpty()) {
                out.put((byte) r.sliceQuantities().size());
                r.sliceQuantities().forEach(out::putLong);
            }
        } else if (record instanceof LegExiting r) {
            out.put(LEG_EXITING).putLong(r.positionId()).putInt(r.leg()).putLong(r.triggeredMillis())
                    .put((byte) r.reason().ordinal()).putDouble(r.price()).putDouble(r.level());
            string(out, r.tickSymbol());
            out.putLong(r.tickExchangeMillis()).putLong(r.tickServerMillis()).putDouble(r.bid()).putDouble(r.ask())
                    .putDouble(r.ltp()).putLong(r.latencyNanos()).putLong(r.sliceQuantity())
                    .put((byte) (r.othersToCost() ? 1 : 0));
        } else if (record instanceof OrderSent r) {
            out.put(ORDER_SENT).putLong(r.positionId()).putInt(r.leg());
            string(out, r.orderId());
            out.putDouble(r.price()).put((byte) (r.adopted() ? 1 : 0));
            if (r.slices() > 1) {
                out.putInt(r.slice()).putInt(r.slices());
            }
        } else if (record instanceof Repriced r) {
            out.put(REPRICED).putLong(r.positionId()).putInt(r.leg()).putInt(r.count()).putDouble(r.price());
            slice(out, r.slice());
        } else if (record instanceof Filled r) {
            out.put(FILLED).putLong(r.positionId()).putInt(r.leg()).putDouble(r.price());
            slice(out, r.slice());
        } else if (record instanceof ExitFailed r) {
            out.put(EXIT_FAILED).putLong(r.positionId()).putInt(r.leg());
            string(out, r.message());
            slice(out, r.slice());
        } else if (record instanceof Closed r) {
            out.put(CLOSED).putLong(r.positionId()).putLong(r.closedMillis());
        } else if (record instanceof Cancelled r) {
            out.put(CANCELLED).putLong(r.positionId()).putLong(r.cancelledMillis());
        } else if (record instanceof NeedsReview r) {
            out.put(NEEDS_REVIEW).putLong(r.positionId()).putLong(r.markedMillis());
        } else if (record instanceof Reviewed r) {
            out.put(REVIEWED).putLong(r.positionId()).putLong(r.reviewedMillis()).put((byte) (r.watch() ? 1 : 0));
        } else if (record instanceof IdsReserved r) {
            out.put(IDS_RESERVED).putLong(r.positionId());
        } else if (record instanceof HistoryLost r) {
            out.put(HISTORY_LOST).putLong(r.lostMillis());
            string(out, r.cause());
        } else if (record instanceof HistoryLossAcknowledged r) {
            out.put(HISTORY_LOSS_ACKNOWLEDGED).putLong(r.acknowledgedMillis());
        } else if (record instanceof Snapshot r) {
            snapshot(out, r);
        } else {
            throw new IllegalArgumentException("no encoding for " + record);
        }
    }

    /**
     * Reads one record of {@code type} from the rest of {@code in}.
     *
     * @throws IllegalArgumentException when the bytes do not make a valid record of that type, including
     *                                  when they run out (a {@link java.nio.BufferUnderflowException})
     */
    static JournalRecord decode(byte type, ByteBuffer in) {
        try {
            JournalRecord record = switch (type) {
                case OPENED -> opened(in);
                case TRAIL_MARK -> new TrailMark(in.getLong(), in.getDouble());
                case EXITING -> new Exiting(in.getLong(), in.getLong(), enumAt(ExitReason.values(), in.get()),
                        in.getDouble(), in.getDouble(), string(in), in.getLong(), in.getLong(), in.getDouble(),
                        in.getDouble(), in.getDouble(), in.getLong(), sliceQuantities(in));
                case LEG_EXITING -> new LegExiting(in.getLong(), in.getInt(), in.getLong(),
                        enumAt(ExitReason.values(), in.get()), in.getDouble(), in.getDouble(), string(in), in.getLong(),
                        in.getLong(), in.getDouble(), in.getDouble(), in.getDouble(), in.getLong(), in.getLong(),
                        in.get() != 0);
                case ORDER_SENT -> new OrderSent(in.getLong(), in.getInt(), string(in), in.getDouble(), in.get() != 0,
                        trailingInt(in, 0), trailingInt(in, 1));
                case REPRICED -> new Repriced(in.getLong(), in.getInt(), in.getInt(), in.getDouble(),
                        trailingInt(in, 0));
                case FILLED -> new Filled(in.getLong(), in.getInt(), in.getDouble(), trailingInt(in, 0));
                case EXIT_FAILED -> new ExitFailed(in.getLong(), in.getInt(), string(in), trailingInt(in, 0));
                case CLOSED -> new Closed(in.getLong(), in.getLong());
                case CANCELLED -> new Cancelled(in.getLong(), in.getLong());
                case NEEDS_REVIEW -> new NeedsReview(in.getLong(), in.getLong());
                case REVIEWED -> new Reviewed(in.getLong(), in.getLong(), in.get() != 0);
                case IDS_RESERVED -> new IdsReserved(in.getLong());
                case HISTORY_LOST -> new HistoryLost(in.getLong(), string(in));
                case HISTORY_LOSS_ACKNOWLEDGED -> new HistoryLossAcknowledged(in.getLong());
                case SNAPSHOT -> snapshot(in);
                default -> throw new IllegalArgumentException("unknown record type " + type);
            };
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes left over after a record of type " + type);
            }
            return record;
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("record of type " + type + " ends early", e);
        }
    }

    /** Slice 0 (a leg sent whole, or the first slice) is written as nothing: a whole leg journals as it always did. */
    private static void slice(ByteBuffer out, int slice) {
        if (slice != 0) {
            out.putInt(slice);
        }
    }

    /**
     * A field added at the end of a record when exits began to be sliced; a record written before has none and
     * reads {@code absent} (slice 0 of 1: the leg sent whole).
     */
    private static int trailingInt(ByteBuffer in, int absent) {
        return in.hasRemaining() ? in.getInt() : absent;
    }

    /** EXITING's per-leg slice quantities: none in a record written before exits were sliced. */
    private static List<Long> sliceQuantities(ByteBuffer in) {
        if (!in.hasRemaining()) {
            return List.of();
        }
        int count = in.get() & 0xFF;
        List<Long> quantities = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            quantities.add(in.getLong());
        }
        return quantities;
    }

    private static Opened opened(ByteBuffer in) {
        long id = in.getLong();
        long openedMillis = in.getLong();
        String strategy = string(in);
        String product = string(in);
        ExitRules rules = rules(in);
        int count = in.get() & 0xFF;
        List<OpenedLeg> legs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String symbol = string(in);
            String exchange = string(in);
            String underlying = string(in);
            int epochDay = in.getInt();
            double strike = in.getDouble();
            String type = string(in);
            PositionSide side = enumAt(PositionSide.values(), in.get());
            legs.add(new OpenedLeg(symbol, exchange, underlying, epochDay < 0 ? null : LocalDate.ofEpochDay(epochDay),
                    strike, type.isEmpty() ? null : OptionType.valueOf(type), side, in.getLong(), in.getInt(),
                    in.getDouble()));
        }
        String account = trailingString(in);
        if (in.remaining() >= Integer.BYTES) {
            int secondOfDay = in.getInt();
            rules = secondOfDay < 0 ? rules : rules.withSquareOffAt(LocalTime.ofSecondOfDay(secondOfDay));
        }
        if (in.hasRemaining()) {
            TriggerOn on = enumAt(TriggerOn.values(), in.get());
            int confirmTicks = in.getInt();
            long confirmMillis = in.getLong();
            rules = new ExitRules(rules.stop(), rules.target(), rules.stopPercent(), rules.trailing(),
                    rules.squareOffAt(), on, confirmTicks, confirmMillis);
        }
        if (in.hasRemaining()) {
            rules = rules.withOnLegStop(enumAt(OnLegStop.values(), in.get()));
            for (int i = 0; i < count; i++) {
                OpenedLeg leg = legs.get(i);
                legs.set(i, new OpenedLeg(leg.symbol(), leg.exchange(), leg.underlying(), leg.expiry(), leg.strike(),
                        leg.optionType(), leg.side(), leg.quantity(), leg.lotSize(), leg.entryPrice(),
                        new LegRules(optional(in), optional(in), optional(in))));
            }
        }
        return new Opened(id, openedMillis, strategy, product, rules, legs, account);
    }

    /** A text field added at the end of a record: null when the record was written before it, or left it empty. */
    private static String trailingString(ByteBuffer in) {
        if (!in.hasRemaining()) {
            return null;
        }
        String text = string(in);
        return text.isEmpty() ? null : text;
    }

    private static void snapshot(ByteBuffer out, Snapshot snapshot) {
        out.put(SNAPSHOT).putLong(snapshot.nextPositionId()).putInt((int) snapshot.tradingDate().toEpochDay())
                .putInt(snapshot.strategies().size());
        for (StrategyTally tally : snapshot.strategies()) {
            string(out, tally.strategy());
            out.putInt(tally.positions()).putDouble(tally.realisedPnl());
        }
        out.putInt(snapshot.orders().size());
        for (OrderOwner owner : snapshot.orders()) {
            string(out, owner.orderId());
            string(out, owner.ownerTag());
            out.putInt((int) owner.since().toEpochDay());
        }
        // each order's account after the list, only when some order or tally is not the primary's: a snapshot of
        // one account is written byte for byte as before accounts; then each tally's account, only when some tally
        // is not the primary's
        boolean tallyAccounts = snapshot.strategies().stream().anyMatch(tally -> tally.account() != null);
        if (tallyAccounts || snapshot.orders().stream().anyMatch(owner -> owner.account() != null)) {
            for (OrderOwner owner : snapshot.orders()) {
                string(out, owner.account());
            }
        }
        if (tallyAccounts) {
            for (StrategyTally tally : snapshot.strategies()) {
                string(out, tally.account());
            }
        }
    }

    private static Snapshot snapshot(ByteBuffer in) {
        long next = in.getLong();
        LocalDate date = LocalDate.ofEpochDay(in.getInt());
        int strategyCount = count(in, 14);
        List<StrategyTally> strategies = new ArrayList<>(strategyCount);
        for (int i = 0; i < strategyCount; i++) {
            strategies.add(new StrategyTally(string(in), in.getInt(), in.getDouble()));
        }
        int orderCount = count(in, 8);
        List<OrderOwner> orders = new ArrayList<>(orderCount);
        for (int i = 0; i < orderCount; i++) {
            orders.add(new OrderOwner(string(in), string(in), LocalDate.ofEpochDay(in.getInt())));
        }
        if (in.hasRemaining()) {
            for (int i = 0; i < orderCount; i++) {
                OrderOwner owner = orders.get(i);
                String account = string(in);
                orders.set(i, new OrderOwner(owner.orderId(), owner.ownerTag(), owner.since(),
                        account.isEmpty() ? null : account));
            }
        }
        if (in.hasRemaining()) {
            for (int i = 0; i < strategyCount; i++) {
                StrategyTally tally = strategies.get(i);
                String account = string(in);
                strategies.set(i, new StrategyTally(tally.strategy(), tally.positions(), tally.realisedPnl(),
                        account.isEmpty() ? null : account));
            }
        }
        return new Snapshot(next, date, strategies, orders);
    }

    /** A count of entries no shorter than {@code minBytes} each, which the bytes left can really hold. */
    private static int count(ByteBuffer in, int minBytes) {
        int count = in.getInt();
        if (count < 0 || (long) count * minBytes > in.remaining()) {
            throw new IllegalArgumentException("a count of " + count + " entries in " + in.remaining() + " bytes");
        }
        return count;
    }

    private static void rules(ByteBuffer out, ExitRules rules) {
        optional(out, rules.stop());
        optional(out, rules.target());
        optional(out, rules.stopPercent());
        TrailingStop trail = rules.trailing();
        out.put((byte) (trail == null ? 0 : trail.by().ordinal() + 1));
        out.putDouble(trail == null ? 0 : trail.amount());
    }

    private static ExitRules rules(ByteBuffer in) {
        Double stop = optional(in);
        Double target = optional(in);
        Double stopPercent = optional(in);
        int trailKind = in.get();
        double trailAmount = in.getDouble();
        TrailingStop trail = trailKind == 0 ? null
                : new TrailingStop(enumAt(TrailingStop.By.values(), (byte) (trailKind - 1)), trailAmount);
        return new ExitRules(stop, target, stopPercent, trail);
    }

    private static void optional(ByteBuffer out, Double value) {
        out.put((byte) (value == null ? 0 : 1));
        out.putDouble(value == null ? 0 : value);
    }

    private static Double optional(ByteBuffer in) {
        boolean present = in.get() != 0;
        double value = in.getDouble();
        return present ? value : null;
    }

    private static void string(ByteBuffer out, String value) {
        byte[] bytes = (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("text of " + bytes.length + " bytes is too long for the journal");
        }
        out.putShort((short) bytes.length).put(bytes);
    }

    private static String string(ByteBuffer in) {
        int length = in.getShort() & 0xFFFF;
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static <E extends Enum<E>> E enumAt(E[] values, byte ordinal) {
        if (ordinal < 0 || ordinal >= values.length) {
            throw new IllegalArgumentException("no " + values[0].getDeclaringClass().getSimpleName() + " numbered "
                    + ordinal);
        }
        return values[ordinal];
    }
}
