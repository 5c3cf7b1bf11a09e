package io.optionchain.simulator.orders;

import io.optionchain.simulator.faults.OrderFaults;
import io.optionchain.simulator.market.Expiries;
import io.optionchain.simulator.market.MarketModel;
import io.optionchain.simulator.market.MarketSnapshot;
import io.optionchain.simulator.market.Paise;
import io.optionchain.simulator.market.SimulatedSymbol;
import io.optionchain.simulator.rest.RestError;
import io.optionchain.simulator.stream.Subscriptions;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The simulated broker's order book: accepts, rejects, fills, modifies and cancels orders against the
 * simulator's own market, and answers order status, the order book and the position book in OpenAlgo's shapes.
 *
 * <p>Which failure is which, as OpenAlgo and brokers draw the line:
 * <ul>
 *   <li>HTTP 400, nothing placed: the schema ({@link OrderSchema}); a symbol not listed or an index; CNC
 *       on a derivative; a quantity not a multiple of the lot; a LIMIT or SL price missing or off the 0.05
 *       tick; an SL/SL-M trigger missing or off the tick, or on the wrong side of an SL's limit. OpenAlgo's
 *       sandbox and Kite refuse these before an order exists.</li>
 *   <li>Accepted (an order id comes back), then order_status "rejected" with a rejection_reason: what the
 *       broker's risk system (RMS) refuses after accepting: a quantity above the exchange freeze limit, a
 *       limit price beyond the circuit band, and the injected rejection fault; and what the exchange refuses:
 *       a limit price beyond its limit price protection band around the last trade
 *       ({@link LimitPriceProtection}), checked for a LIMIT order as it is placed and for an SL order as it
 *       triggers. A modification to a price beyond it is refused with a 400 and leaves the order as it was.</li>
 *   <li>HTTP 500, nothing placed: only the injected failure fault.</li>
 * </ul>
 *
 * <p>Fills: an order meets the opposite side of its symbol's five visible levels, best first: BUY takes
 * asks priced at or below its limit, SELL takes bids at or above it, MARKET takes whatever is shown, each
 * level at its own price. Liquidity taken stays taken until the symbol's next tick brings a new book.
 * What the book cannot fill rests "open" with its filled quantity and tries again on every later tick
 * while it is marketable; symbols with working orders keep ticking whether or not anyone subscribed.
 * SL and SL-M orders wait in "trigger pending" until the last traded price reaches the trigger (BUY at
 * or above, SELL at or below), then act as LIMIT and MARKET orders. Orders do not move the market: the
 * model's prices, volume and book are the same with or without them. While the market is paused
 * ({@code OpenAlgoSimulator.rate(0)}) nothing ticks, so nothing more fills.
 */
public final class OrderDesk {
    private static final DateTimeFormatter ID_DATE = DateTimeFormatter.ofPattern("yyMMdd")
            .withZone(Expiries.EXCHANGE_ZONE);
    /** OpenAlgo's sandbox and Kite's order_timestamp spelling, exchange time. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(Expiries.EXCHANGE_ZONE);
    /** Order ids end in nine digits: room for this many desks' numbers side by side. */
    public static final int MAX_DESKS = 100;
    private static final long ORDER_NUMBERS_PER_DESK = 10_000_000L;
    /** The simulated broker's RMS message for an injected rejection. */
    static final String INJECTED_REJECTION = "RMS:Margin Exceeds, Required:0.00, Available:0.00 (simulated rejection)";

    /** The visible book of one symbol as of its last tick, less what orders have taken from it since. */
    private static final class Liquidity {
        final long[] bidPrice = new long[MarketSnapshot.LEVELS];
        final long[] bidQuantity = new long[MarketSnapshot.LEVELS];
        final long[] askPrice = new long[MarketSnapshot.LEVELS];
        final long[] askQuantity = new long[MarketSnapshot.LEVELS];
        long ltp;
        long upperCircuit;
        long sequence = -1;

        /** @return false when this tick's book was seen already, so what was taken from it stays taken */
        boolean refresh(MarketSnapshot tick) {
            if (tick.sequence == sequence) {
                return false;
            }
            sequence = tick.sequence;
            ltp = tick.ltp;
            upperCircuit = tick.upperCircuit;
            System.arraycopy(tick.bidPrice, 0, bidPrice, 0, MarketSnapshot.LEVELS);
            System.arraycopy(tick.bidQuantity, 0, bidQuantity, 0, MarketSnapshot.LEVELS);
            System.arraycopy(tick.askPrice, 0, askPrice, 0, MarketSnapshot.LEVELS);
            System.arraycopy(tick.askQuantity, 0, askQuantity, 0, MarketSnapshot.LEVELS);
            return true;
        }
    }

    private final MarketModel model;
    private final Subscriptions subscriptions;
    private final OrderFaults faults;
    /** Every accepted order, in placement order; guarded by this, as is everything below. */
    private final List<WorkingOrder> orders = new ArrayList<>();
    private final Map<String, WorkingOrder> byId = new HashMap<>();
    /** Open and trigger-pending orders per symbol, oldest first: time priority at each level. */
    private final Map<SimulatedSymbol, List<WorkingOrder>> working = new HashMap<>();
    private final Map<SimulatedSymbol, Liquidity> books = new HashMap<>();
    private final MarketSnapshot scratch = new MarketSnapshot();
    /** Symbols that have a book here: read on every tick without the lock, replaced on change. */
    private volatile Set<SimulatedSymbol> tracked = Set.of();
    private long sequence;

    /**
     * @param deskNumber the account's place among the simulator's accounts, 0 for the first: each desk
     *                   numbers its orders from {@code deskNumber × 10,000,000}, so an order id names one
     *                   account's order and is unknown to every other account, as with real brokers
     */
    public OrderDesk(MarketModel model, Subscriptions subscriptions, OrderFaults faults, int deskNumber) {
        if (deskNumber < 0 || deskNumber >= MAX_DESKS) {
            throw new IllegalArgumentException("deskNumber must be 0.." + (MAX_DESKS - 1) + ", got " + deskNumber);
        }
        this.model = model;
        this.subscriptions = subscriptions;
        this.faults = faults;
        this.sequence = deskNumber * ORDER_NUMBERS_PER_DESK;
    }

    /** Every new state of an instrument; fills what it can of the symbol's working orders. */
    public void onTick(MarketSnapshot tick) {
        if (!tracked.contains(tick.symbol)) {
            return;
        }
        synchronized (this) {
            Liquidity book = books.get(tick.symbol);
            if (book.refresh(tick)) {
                matchAll(tick.symbol, book);
            }
        }
    }

    /**
     * Accepts an order, fills what the current book allows and returns its id; it may already be
     * rejected (see the class comment). The terms were checked by the caller ({@link OrderTerms#checked}).
     */
    synchronized String place(String strategy, SimulatedSymbol symbol, boolean buy, OrderTerms terms) {
        Instant now = model.now();
        String id = ID_DATE.format(now) + String.format(Locale.ROOT, "%09d", ++sequence);
        WorkingOrder order = new WorkingOrder(id, strategy, symbol, buy, terms, now);
        orders.add(order);
        byId.put(id, order);
        Liquidity book = book(symbol);
        String rejection = rejection(order, book);
        if (rejection != null) {
            order.reject(rejection);
            return id;
        }
        working.computeIfAbsent(symbol, s -> {
            subscriptions.watch(s);
            return new ArrayList<>();
        }).add(order);
        matchAll(symbol, book);
        return id;
    }

    /** Checks new terms for an order of this symbol and side; throws {@link RestError} as placement does. */
    interface TermsCheck {
        OrderTerms check(SimulatedSymbol symbol, boolean buy);
    }

    /** New terms for a working order, which then tries the current book at once. */
    synchronized void modify(String id, TermsCheck check) {
        WorkingOrder order = workingOrder(id, "modify");
        OrderTerms terms = check.check(order.symbol, order.buy);
        if (terms.quantity() <= order.filled) {
            throw new RestError(400, "Quantity must be more than the " + order.filled + " already filled");
        }
        boolean limitNow = terms.pricetype().equals("LIMIT")
                || terms.stopLoss() && !terms.market() && order.status == WorkingOrder.Status.OPEN;
        String beyond = limitNow ? LimitPriceProtection.refusal(order.buy, terms.pricePaise(), book(order.symbol).ltp)
                : null;
        if (beyond != null) {
            throw new RestError(400, beyond);
        }
        boolean wasPending = order.status == WorkingOrder.Status.TRIGGER_PENDING;
        boolean wasStop = order.terms.stopLoss();
        order.terms = terms;
        // A stop order keeps waiting for its trigger, and a plain order turned into a stop starts to.
        order.status = terms.stopLoss() && (wasPending || !wasStop)
                ? WorkingOrder.Status.TRIGGER_PENDING : WorkingOrder.Status.OPEN;
        matchAll(order.symbol, book(order.symbol));
    }

    /** Cancels what is unfilled; the filled part stays filled. */
    synchronized void cancel(String id) {
        WorkingOrder order = workingOrder(id, "cancel");
        order.status = WorkingOrder.Status.CANCELLED;
        retire(order);
    }

    /** OpenAlgo's orderstatus data, with the sandbox's filled/pending quantities and rejection reason. */
    synchronized Map<String, Object> status(String id) {
        WorkingOrder order = byId.get(id);
        if (order == null) {
            throw new RestError(404, "Order " + id + " not found");
        }
        return wire(order);
    }

    /** OpenAlgo's orderbook data: orders oldest first, and the broker's counts. */
    synchronized Map<String, Object> orderbook() {
        List<Map<String, Object>> rows = new ArrayList<>();
        int buys = 0;
        int complete = 0;
        int open = 0;
        int rejected = 0;
        for (WorkingOrder order : orders) {
            // as OpenAlgo's broker mappings (transform_order_data) do: no strategy in a row of the book
            rows.add(wire(order));
            buys += order.buy ? 1 : 0;
            complete += order.status == WorkingOrder.Status.COMPLETE ? 1 : 0;
            open += order.status == WorkingOrder.Status.OPEN ? 1 : 0;
            rejected += order.status == WorkingOrder.Status.REJECTED ? 1 : 0;
        }
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("total_buy_orders", buys);
        statistics.put("total_sell_orders", orders.size() - buys);
        statistics.put("total_completed_orders", complete);
        statistics.put("total_open_orders", open);
        statistics.put("total_rejected_orders", rejected);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orders", rows);
        data.put("statistics", statistics);
        return data;
    }

    /**
     * OpenAlgo's positionbook data: one row per symbol, exchange and product that traded today, in order of the
     * first fill, with the net quantity of what filled (bought less sold; partial fills of working, cancelled
     * orders count, as trades do), a position closed again listed at 0 as OpenAlgo's sandbox lists it. The average
     * price is that of the side the net position is on (0 when flat); P&amp;L is what was sold less what was
     * bought plus the net quantity at the last traded price, in rupees to the paisa.
     */
    synchronized List<Map<String, Object>> positionbook() {
        Map<String, long[]> nets = new LinkedHashMap<>();      // bought, bought value, sold, sold value (paise)
        Map<String, WorkingOrder> firsts = new LinkedHashMap<>();
        for (WorkingOrder order : orders) {
            if (order.filled == 0) {
                continue;
            }
            String key = order.symbol.symbol() + "|" + order.symbol.exchange() + "|" + order.terms.product();
            long[] net = nets.computeIfAbsent(key, k -> new long[4]);
            firsts.putIfAbsent(key, order);
            int side = order.buy ? 0 : 2;
            net[side] += order.filled;
            net[side + 1] += order.tradedValuePaise;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        nets.forEach((key, net) -> {
            WorkingOrder first = firsts.get(key);
            long quantity = net[0] - net[2];
            long average = quantity > 0 ? Math.round((double) net[1] / net[0])
                    : quantity < 0 ? Math.round((double) net[3] / net[2]) : 0;
            long ltp = books.get(first.symbol).ltp;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("symbol", first.symbol.symbol());
            row.put("exchange", first.symbol.exchange());
            row.put("product", first.terms.product());
            row.put("quantity", quantity);
            row.put("average_price", Paise.toRupees(average));
            row.put("ltp", Paise.toRupees(ltp));
            row.put("pnl", Paise.toRupees(net[3] - net[1] + quantity * ltp));
            rows.add(row);
        });
        return rows;
    }

    /**
     * The caller's record of one order as the broker holds it now, prices in rupees, quantities in units:
     * the simulator's public {@code BrokerOrder::new} is one. A type parameter rather than that record, so
     * this package need not know the simulator above it.
     */
    @FunctionalInterface
    public interface View<T> {
        T of(String orderid, String strategy, String symbol, String exchange, String action, int quantity,
             String pricetype, String product, double price, double triggerPrice, String status, int filled,
             double averagePrice, String rejectionReason, Instant time);
    }

    /** Every order placed since the start, oldest first, each as {@code view} makes it; an unmodifiable snapshot. */
    public synchronized <T> List<T> orders(View<T> view) {
        List<T> views = new ArrayList<>(orders.size());
        orders.forEach(order -> views.add(order.view(view)));
        return List.copyOf(views);
    }

    private WorkingOrder workingOrder(String id, String verb) {
        WorkingOrder order = byId.get(id);
        if (order == null) {
            throw new RestError(404, "Order " + id + " not found");
        }
        if (!order.working()) {
            throw new RestError(400, "Cannot " + verb + " order in " + order.status.wire + " status");
        }
        return order;
    }

    /** The RMS refusals of an accepted order, or null when it may work. */
    private String rejection(WorkingOrder order, Liquidity book) {
        if (faults.takeRejection()) {
            return INJECTED_REJECTION;
        }
        int freeze = model.masterContract().of(order.symbol.index()).freezeQty();
        if (order.terms.quantity() > freeze) {
            return "RMS:Order quantity " + order.terms.quantity() + " exceeds the freeze quantity " + freeze
                    + " for " + order.symbol.symbol();
        }
        long price = order.terms.pricePaise();
        if (price > 0 && book.upperCircuit > 0 && price > book.upperCircuit) {
            return "RMS:Order price " + Paise.toRupees(price) + " is above the upper circuit limit "
                    + Paise.toRupees(book.upperCircuit);
        }
        return order.terms.pricetype().equals("LIMIT")
                ? LimitPriceProtection.refusal(order.buy, price, book.ltp) : null;
    }

    /** The symbol's book, first read from the market (without ticking it) if no order has met it yet. */
    private Liquidity book(SimulatedSymbol symbol) {
        Liquidity book = books.get(symbol);
        if (book == null) {
            book = new Liquidity();
            model.current(symbol, scratch);
            book.refresh(scratch);
            books.put(symbol, book);
            tracked = Set.copyOf(books.keySet());
        }
        return book;
    }

    private void matchAll(SimulatedSymbol symbol, Liquidity book) {
        List<WorkingOrder> queue = working.get(symbol);
        if (queue == null || faults.neverFilling()) {
            return;
        }
        for (WorkingOrder order : List.copyOf(queue)) {
            if (order.status == WorkingOrder.Status.TRIGGER_PENDING && order.triggeredAt(book.ltp)) {
                // a triggered SL order enters the book as a limit order, and meets the exchange's band as one
                String beyond = order.terms.market() ? null
                        : LimitPriceProtection.refusal(order.buy, order.terms.pricePaise(), book.ltp);
                if (beyond != null) {
                    order.reject(beyond);
                } else {
                    order.status = WorkingOrder.Status.OPEN;
                }
            }
            if (order.status == WorkingOrder.Status.OPEN) {
                take(order, book);
            }
            if (!order.working()) {
                retire(order);
            }
        }
    }

    /** Walks the opposite side best first, each level at its own price, as far as the limit allows. */
    private static void take(WorkingOrder order, Liquidity book) {
        long[] prices = order.buy ? book.askPrice : book.bidPrice;
        long[] quantities = order.buy ? book.askQuantity : book.bidQuantity;
        boolean market = order.terms.market();
        long limit = order.terms.pricePaise();
        for (int level = 0; level < MarketSnapshot.LEVELS && order.remaining() > 0; level++) {
            long price = prices[level];
            if (price <= 0 || quantities[level] <= 0) {
                continue;
            }
            if (!market && (order.buy ? price > limit : price < limit)) {
                break;
            }
            int taken = (int) Math.min(order.remaining(), quantities[level]);
            quantities[level] -= taken;
            order.fill(taken, price);
        }
    }

    /** Off the working list; the symbol stops ticking for orders when it has none left. */
    private void retire(WorkingOrder order) {
        List<WorkingOrder> queue = working.get(order.symbol);
        if (queue != null && queue.remove(order) && queue.isEmpty()) {
            working.remove(order.symbol);
            subscriptions.unwatch(order.symbol);
        }
    }

    private static Map<String, Object> wire(WorkingOrder order) {
        OrderTerms terms = order.terms;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderid", order.id);
        data.put("order_status", order.status.wire);
        data.put("symbol", order.symbol.symbol());
        data.put("exchange", order.symbol.exchange());
        data.put("action", order.buy ? "BUY" : "SELL");
        data.put("quantity", terms.quantity());
        data.put("price", Paise.toRupees(terms.pricePaise()));
        data.put("trigger_price", Paise.toRupees(terms.triggerPaise()));
        data.put("pricetype", terms.pricetype());
        data.put("product", terms.product());
        data.put("average_price", order.averagePrice());
        data.put("filled_quantity", order.filled);
        data.put("pending_quantity", order.working() ? order.remaining() : 0);
        data.put("rejection_reason", order.rejectionReason);
        data.put("timestamp", TIMESTAMP.format(order.placed));
        return data;
    }
}
