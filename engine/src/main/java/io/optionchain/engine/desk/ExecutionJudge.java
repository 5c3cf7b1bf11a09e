package io.optionchain.engine.desk;

import io.optionchain.engine.depth.OrderAction;
import io.optionchain.engine.exits.ExitPricer;
import io.optionchain.engine.exits.PriceProtection;
import io.optionchain.engine.market.ExpiryDates;
import io.optionchain.engine.ports.FeedHealth;
import io.optionchain.engine.positions.ExecutionCheck;
import io.optionchain.engine.positions.ExecutionCheck.Badge;
import io.optionchain.engine.positions.ExecutionCheck.Part;
import io.optionchain.engine.positions.ExecutionCheck.Rule;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.QuoteRecord;
import io.optionchain.engine.stops.LiveLeg;
import io.optionchain.engine.stops.LivePosition;
import io.optionchain.engine.tick.TickEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * Judges whether one open position's stop could execute now ({@link ExecutionCheck}): each leg's quote from chain
 * state, its exit side's five levels against its whole quantity, its exit priced as the exit pricer prices it
 * against the exchange's band ({@link PriceProtection}), its slices, the feed ({@link FeedHealth}) and the holding
 * account as the exit executor last found it. The checker's thread only: it reuses one record and one pricer.
 */
final class ExecutionJudge {
    private final ChainStore store;
    private final PriceProtection protection;
    private final IntToDoubleFunction tickSizes;
    private final ExitPricer pricer;
    private final long maxQuoteAgeMillis;
    private final UnaryOperator<String> accountProblem;
    private final QuoteRecord book = ChainStore.newRecord();
    private volatile FeedHealth feed = FeedHealth.LIVE;

    /**
     * @param tickSizes      the price step of an instrument id
     * @param accountProblem why an account cannot take orders now, null when it can
     */
    ExecutionJudge(ChainStore store, PriceProtection protection, IntToDoubleFunction tickSizes, ExitPricer pricer,
                   long maxQuoteAgeMillis, UnaryOperator<String> accountProblem) {
        this.store = store;
        this.protection = protection;
        this.tickSizes = tickSizes;
        this.pricer = pricer;
        this.maxQuoteAgeMillis = maxQuoteAgeMillis;
        this.accountProblem = accountProblem;
    }

    /** The feed the FEED part asks from now on; any thread. */
    void watchFeed(FeedHealth health) {
        feed = health == null ? FeedHealth.LIVE : health;
    }

    ExecutionCheck judge(LivePosition position, long nowMillis) {
        Verdict quote = new Verdict(Rule.QUOTE, "every leg quoted within " + seconds(maxQuoteAgeMillis));
        Verdict depth = new Verdict(Rule.DEPTH, "the five levels fill every leg's quantity");
        Verdict band = new Verdict(Rule.BAND, "every leg's exit is priced inside the price band");
        Verdict freeze = new Verdict(Rule.FREEZE, "every leg goes out in one order");
        for (LiveLeg leg : position.legs) {
            long quantity = leg.unfilledQuantity();
            if (quantity == 0) {
                continue;
            }
            if (leg.slices.length > 1) {
                freeze.flag(Badge.AMBER, leg.symbol + ": " + quantity + " is above the freeze quantity and goes out in "
                        + leg.slices.length + " slices of at most " + leg.sliceQuantity());
            }
            boolean sell = leg.side.exitAction() == OrderAction.SELL;
            if (!store.read(leg.instrumentId, book)) {
                quote.flag(Badge.RED, leg.symbol + " has no quote yet");
                depth.flag(Badge.RED, leg.symbol + " has no book yet");
                continue;
            }
            long updated = book.getUpdatedMillis();
            if (updated <= 0 || nowMillis - updated > maxQuoteAgeMillis) {
                quote.flag(Badge.RED, leg.symbol + (updated <= 0 ? " has no quote yet" : " was quoted "
                        + seconds(nowMillis - updated) + " ago, more than max_quote_age " + seconds(maxQuoteAgeMillis)));
            }
            judgeDepth(leg, quantity, sell, depth);
            judgeBand(leg, quantity, sell, band);
        }
        List<Part> parts = new ArrayList<>(Rule.values().length);
        parts.add(quote.part());
        parts.add(depth.part());
        parts.add(band.part());
        parts.add(freeze.part());
        String stale = feed.staleness();
        parts.add(stale == null ? new Part(Rule.FEED, Badge.GREEN, "market data is live")
                : new Part(Rule.FEED, Badge.RED, stale));
        String refused = accountProblem.apply(position.account);
        parts.add(refused == null ? new Part(Rule.ACCOUNT, Badge.GREEN, "account " + position.account
                + " takes orders") : new Part(Rule.ACCOUNT, Badge.RED, refused));
        return ExecutionCheck.of(parts, Instant.ofEpochMilli(nowMillis).atZone(ExpiryDates.EXCHANGE_ZONE));
    }

    private void judgeDepth(LiveLeg leg, long quantity, boolean sell, Verdict depth) {
        int levels = Math.min(TickEvent.DEPTH_LEVELS, sell ? book.getBidLevels() : book.getAskLevels());
        long visible = 0;
        for (int i = 0; i < levels; i++) {
            double price = sell ? book.getBidPriceAt(i) : book.getAskPriceAt(i);
            if (price > 0) {
                visible += sell ? book.getBidQuantityAt(i) : book.getAskQuantityAt(i);
            }
        }
        if (visible <= 0) {
            depth.flag(Badge.RED, leg.symbol + ": no " + (sell ? "bid to sell into" : "ask to buy from"));
        } else if (visible < quantity) {
            depth.flag(Badge.AMBER, leg.symbol + ": the five levels show " + visible + " of its " + quantity
                    + "; the rest waits for the book to refill");
        }
    }

    /**
     * Priced as the exit pricer prices it before the clamp: outside the band it goes out at the band's edge instead,
     * which fills from the levels inside the band (amber) or, when the touch itself is beyond it, rests (red).
     */
    private void judgeBand(LiveLeg leg, long quantity, boolean sell, Verdict verdict) {
        OrderAction action = leg.side.exitAction();
        double price = pricer.price(action, quantity, book, tickSizes.applyAsDouble(leg.instrumentId));
        if (Double.isNaN(price)) {
            return;   // no touch: the depth part says so
        }
        PriceProtection.Band band = protection.band(leg.instrumentId, action);
        if (band == null || band.accepts(action, price)) {
            return;
        }
        double edge = sell ? band.low() : band.high();
        double touch = sell ? (book.getBidLevels() > 0 ? book.getBidPriceAt(0) : 0)
                : (book.getAskLevels() > 0 ? book.getAskPriceAt(0) : 0);
        String where = leg.symbol + ": priced at " + rupees(price) + ", beyond the band's " + (sell ? "low " : "high ")
                + rupees(edge) + " around " + rupees(band.reference());
        if (band.accepts(action, touch)) {
            verdict.flag(Badge.AMBER, where + "; it goes out at " + rupees(edge) + " and fills only inside the band");
        } else {
            verdict.flag(Badge.RED, where + ", and so is the " + (sell ? "best bid " : "best ask ") + rupees(touch)
                    + ": no way in, the exit would rest unfilled");
        }
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String rupees(double price) {
        return String.format(Locale.ROOT, "₹%.2f", price);
    }

    /** One part as the legs add to it: green with its reason until a leg flags it, then the worst flag's reasons. */
    private static final class Verdict {
        private final Rule rule;
        private final String fine;
        private Badge badge = Badge.GREEN;
        private final StringBuilder reasons = new StringBuilder();

        Verdict(Rule rule, String fine) {
            this.rule = rule;
            this.fine = fine;
        }

        void flag(Badge flagged, String reason) {
            if (flagged.ordinal() > badge.ordinal()) {
                badge = flagged;
            }
            reasons.append(reasons.isEmpty() ? "" : "; ").append(reason);
        }

        Part part() {
            return new Part(rule, badge, badge == Badge.GREEN ? fine : reasons.toString());
        }
    }
}
