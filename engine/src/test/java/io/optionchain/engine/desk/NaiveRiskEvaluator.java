package io.optionchain.engine.desk;

import io.optionchain.engine.ports.AuditEvent;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.RiskSettings;
import io.optionchain.engine.positions.TrailingStop;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules of the risk stage written the plain way: maps, exact decimals, one position at a time, no ring, no
 * chain state, no clever levels. It reads a market script and says which positions trigger or alert on which
 * tick; the hot path must say the same.
 */
final class NaiveRiskEvaluator {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    record Leg(String symbol, PositionSide side, double entry) {
    }

    record Spec(long id, List<Leg> legs, ExitRules rules) {
    }

    /** A decision: on which tick, for which position, what. */
    record Decision(int tick, long positionId, AuditKind kind, ExitReason reason, double mark) {
    }

    private record Book(BigDecimal bid, BigDecimal ask, long quotedMillis) {
    }

    /** What chain state last applied for a symbol, to tell a copy of it: times, ltp, and the book as levels. */
    private record Stored(long serverMillis, double ltp, List<Object> book) {
    }

    private final long maxQuoteAgeMillis;
    private final BigDecimal nearStopPercent;
    private final Map<String, Long> lastExchange = new HashMap<>();
    private final Map<String, Book> books = new HashMap<>();
    private final Map<String, Stored> stored = new HashMap<>();

    NaiveRiskEvaluator(RiskSettings settings) {
        this.maxQuoteAgeMillis = settings.maxQuoteAge().toMillis();
        this.nearStopPercent = BigDecimal.valueOf(settings.nearStopPercent());
    }

    List<Decision> run(List<Spec> specs, List<ScriptedTick> script) {
        Map<Long, BigDecimal> best = new HashMap<>();
        Map<Long, Boolean> armed = new HashMap<>();
        Map<Long, Boolean> open = new HashMap<>();
        for (Spec spec : specs) {
            best.put(spec.id(), entry(spec));
            armed.put(spec.id(), true);
            open.put(spec.id(), true);
        }
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < script.size(); i++) {
            ScriptedTick tick = script.get(i);
            long previous = lastExchange.getOrDefault(tick.symbol(), 0L);
            if (tick.exchangeMillis() != 0 && tick.exchangeMillis() < previous) {
                continue;                                        // older than what is stored: skipped
            }
            Stored last = stored.get(tick.symbol());
            if (tick.exchangeMillis() != 0 && tick.exchangeMillis() == previous && last != null
                    && tick.serverMillis() == last.serverMillis() && tick.ltp() == last.ltp()
                    && (!tick.depth() || book(tick).equals(last.book()))) {
                continue;                                        // a copy of what is stored: skipped
            }
            if (tick.exchangeMillis() != 0) {
                lastExchange.put(tick.symbol(), tick.exchangeMillis());
            }
            stored.put(tick.symbol(), new Stored(tick.serverMillis(), tick.ltp(),
                    tick.depth() ? book(tick) : last == null ? List.of() : last.book()));
            if (tick.depth()) {
                books.put(tick.symbol(), new Book(BigDecimal.valueOf(tick.bid()), BigDecimal.valueOf(tick.ask()),
                        tick.serverMillis() > 0 ? tick.serverMillis() : tick.nowMillis()));
            }
            for (Spec spec : specs) {
                boolean holds = spec.legs().stream().anyMatch(leg -> leg.symbol().equals(tick.symbol()));
                if (!holds || !open.get(spec.id())) {
                    continue;
                }
                Optional<BigDecimal> mark = mark(spec, tick.nowMillis());
                if (mark.isEmpty()) {
                    continue;
                }
                evaluate(spec, mark.get(), i, best, armed, open, decisions);
            }
        }
        return decisions;
    }

    /** The book as the rig sends it: five levels a priced side, one level at 0 or none for an empty one. */
    private static List<Object> book(ScriptedTick tick) {
        int bids = tick.bid() > 0 ? 5 : tick.zeroPriced() ? 1 : 0;
        int asks = tick.ask() > 0 ? 5 : tick.zeroPriced() ? 1 : 0;
        return List.of(tick.bid(), bids, tick.ask(), asks);
    }

    private Optional<BigDecimal> mark(Spec spec, long now) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Leg leg : spec.legs()) {
            Book book = books.get(leg.symbol());
            if (book == null || now - book.quotedMillis() > maxQuoteAgeMillis) {
                return Optional.empty();
            }
            BigDecimal price = leg.side() == PositionSide.LONG ? book.bid() : book.ask();
            if (price.signum() <= 0) {
                return Optional.empty();
            }
            sum = sum.add(price);
        }
        return Optional.of(sum);
    }

    private void evaluate(Spec spec, BigDecimal mark, int tick, Map<Long, BigDecimal> best, Map<Long, Boolean> armed,
                          Map<Long, Boolean> open, List<Decision> decisions) {
        boolean isLong = spec.legs().get(0).side() == PositionSide.LONG;
        ExitRules rules = spec.rules();
        if (rules.trailing() != null) {
            BigDecimal current = best.get(spec.id());
            if (isLong ? mark.compareTo(current) > 0 : mark.compareTo(current) < 0) {
                best.put(spec.id(), mark);
            }
        }
        BigDecimal stop = rules.stop() == null ? null : BigDecimal.valueOf(rules.stop());
        BigDecimal percentStop = rules.stopPercent() == null ? null : entry(spec).multiply(isLong
                ? BigDecimal.ONE.subtract(pct(rules.stopPercent())) : BigDecimal.ONE.add(pct(rules.stopPercent())));
        BigDecimal trail = trail(rules.trailing(), best.get(spec.id()), isLong);
        BigDecimal target = rules.target() == null ? null : BigDecimal.valueOf(rules.target());

        ExitReason reason = null;
        if (stop != null && stopHit(isLong, mark, stop)) {
            reason = ExitReason.STOP;
        } else if (percentStop != null && stopHit(isLong, mark, percentStop)) {
            reason = ExitReason.PERCENT_STOP;
        } else if (trail != null && stopHit(isLong, mark, trail)) {
            reason = ExitReason.TRAILING_STOP;
        } else if (target != null && (isLong ? mark.compareTo(target) >= 0 : mark.compareTo(target) <= 0)) {
            reason = ExitReason.TARGET;
        }
        if (reason != null) {
            open.put(spec.id(), false);
            decisions.add(new Decision(tick, spec.id(), AuditKind.TRIGGER, reason, mark.doubleValue()));
            return;
        }
        if (nearStopPercent.signum() == 0) {
            return;
        }
        List<BigDecimal> stops = new ArrayList<>();
        for (BigDecimal level : new BigDecimal[] {stop, percentStop, trail}) {
            if (level != null) {
                stops.add(level);
            }
        }
        if (stops.isEmpty()) {
            return;
        }
        BigDecimal nearest = isLong ? stops.stream().max(BigDecimal::compareTo).get()
                : stops.stream().min(BigDecimal::compareTo).get();
        BigDecimal distance = isLong ? mark.subtract(nearest) : nearest.subtract(mark);
        BigDecimal near = nearest.multiply(nearStopPercent).divide(HUNDRED, MathContext.DECIMAL128);
        if (armed.get(spec.id())) {
            if (distance.compareTo(near) <= 0) {
                armed.put(spec.id(), false);
                decisions.add(new Decision(tick, spec.id(), AuditKind.ALERT, null, mark.doubleValue()));
            }
        } else if (distance.compareTo(near.multiply(TWO)) > 0) {
            armed.put(spec.id(), true);
        }
    }

    private static boolean stopHit(boolean isLong, BigDecimal mark, BigDecimal level) {
        return isLong ? mark.compareTo(level) <= 0 : mark.compareTo(level) >= 0;
    }

    private static BigDecimal trail(TrailingStop trailing, BigDecimal best, boolean isLong) {
        if (trailing == null) {
            return null;
        }
        BigDecimal amount = BigDecimal.valueOf(trailing.amount());
        if (trailing.by() == TrailingStop.By.POINTS) {
            return isLong ? best.subtract(amount) : best.add(amount);
        }
        return best.multiply(isLong ? BigDecimal.ONE.subtract(pct(trailing.amount()))
                : BigDecimal.ONE.add(pct(trailing.amount())));
    }

    private static BigDecimal pct(double percent) {
        return BigDecimal.valueOf(percent).divide(HUNDRED, MathContext.DECIMAL128);
    }

    private static BigDecimal entry(Spec spec) {
        return spec.legs().stream().map(leg -> BigDecimal.valueOf(leg.entry())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static Decision of(int tick, AuditEvent event) {
        return new Decision(tick, event.positionId(), event.kind(), event.reason(), Objects.requireNonNull(event.mark()));
    }
}
